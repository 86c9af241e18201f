package io.digits.rollout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.digits.shared.AtomicFiles;
import io.digits.shared.ConditionalOnStoreMode;
import io.digits.shared.StoreMode;
import io.digits.shared.StoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/** The embedded mode's routing: {@code routing.json} under the store, written whole (a temporary file, a rename). */
@Component
@ConditionalOnStoreMode(StoreMode.EMBEDDED)
class FileRoutingStore implements RoutingStore {

	private static final Logger log = LoggerFactory.getLogger(FileRoutingStore.class);

	private final Path file;

	private final JsonMapper json;

	FileRoutingStore(StoreProperties properties, JsonMapper json) {
		this.file = properties.dir().resolve("routing.json");
		this.json = json;
	}

	@Override
	public Optional<Routing> read() {
		if (!Files.exists(file)) {
			return Optional.empty();
		}
		try {
			return Optional.of(json.readValue(file.toFile(), Routing.class));
		}
		catch (RuntimeException ex) {
			log.warn("Ignoring unreadable {}: {}; the active model answers alone", file, ex.getMessage());
			return Optional.empty();
		}
	}

	@Override
	public void write(Routing routing) throws IOException {
		Files.createDirectories(file.getParent());
		AtomicFiles.write(file, temp -> json.writeValue(temp.toFile(), routing));
	}

}
