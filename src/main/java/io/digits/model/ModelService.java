package io.digits.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.digits.shared.ClusterSignals;
import io.digits.shared.Ids;
import io.digits.shared.StoreProperties;
import io.digits.shared.StoreUnwritableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;

/**
 * The registry of model versions and the one explicit active model. A new model never becomes active by itself:
 * only through {@link #activate} (or, for the very first model, when none is active). Replicas sharing a store tell
 * each other of every change ({@link ClusterSignals}, channel {@value #CHANGED}), and each reads the store again: a
 * model activated on one replica answers on every replica within a second.
 */
@Service
public class ModelService {

	private static final Logger log = LoggerFactory.getLogger(ModelService.class);

	/** The channel of model changes; the payload is the model's id. */
	static final String CHANGED = "models";

	private final ModelStore store;

	private final Clock clock;

	private final ClusterSignals signals;

	private final Map<String, ModelMetadata> models = new ConcurrentHashMap<>();

	/** Models whose file failed its check at start, with what is wrong: listed, never loaded. */
	private final Map<String, String> problems = new ConcurrentHashMap<>();

	/** Recently used non-active models, loaded for {@code ?model=} predictions; least recently used evicted. */
	private final Map<String, LoadedModel> recentlyUsed;

	private final Timer loadTime;

	/** Who else serves models (the rollout's canary and shadow); asked lazily, as they depend on this service. */
	private final ObjectProvider<ModelInUse> uses;

	private volatile LoadedModel active;

	public ModelService(ModelStore store, StoreProperties properties, Clock clock, MeterRegistry registry,
			ClusterSignals signals, ObjectProvider<ModelInUse> uses) {
		this.store = store;
		this.uses = uses;
		this.clock = clock;
		this.signals = signals;
		this.loadTime = Timer.builder("digits.model.load.duration")
			.description("Time to read a stored model into a network")
			.register(registry);
		this.recentlyUsed = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, LoadedModel> eldest) {
				return size() > properties.loadedModels();
			}
		};
		readStore();
		store.readActiveId().ifPresent(this::restoreActive);
		log.info("{} stored models; active model: {}", models.size(), active == null ? "none" : active.id());
		signals.subscribe(CHANGED, changed -> readAgain());
		signals.onResync(this::readAgain);
	}

	private void readStore() {
		List<ModelStore.Found> found = store.readAll();
		for (ModelStore.Found model : found) {
			models.put(model.metadata().id(), model.metadata());
			if (model.problem() != null) {
				problems.put(model.metadata().id(), model.problem());
			}
		}
		List<String> ids = found.stream().map(model -> model.metadata().id()).toList();
		synchronized (recentlyUsed) {
			models.keySet().retainAll(ids);
			problems.keySet().retainAll(ids);
			recentlyUsed.keySet().retainAll(ids);
		}
	}

	/** Another replica changed the models: the list and the active model become the store's again. */
	private synchronized void readAgain() {
		readStore();
		String activeId = store.readActiveId().orElse(null);
		if (activeId != null && (active == null || !active.id().equals(activeId))) {
			restoreActive(activeId);
		}
	}

	private void restoreActive(String id) {
		if (!models.containsKey(id)) {
			log.warn("The active model {} is no longer in the store; no model is active", id);
			return;
		}
		if (problems.containsKey(id)) {
			log.error("The active model {} is unusable ({}); no model is active", id, problems.get(id));
			return;
		}
		try {
			active = new LoadedModel(models.get(id), load(id));
		}
		catch (IOException | RuntimeException ex) {
			problems.put(id, "it could not be loaded: " + ex.getMessage());
			log.error("Cannot load the active model {}: {}; no model is active", id, ex.toString());
		}
	}

	/** Newest first. */
	public List<ModelMetadata> list() {
		return models.values().stream().sorted(Comparator.comparing(ModelMetadata::createdAt).reversed()).toList();
	}

	/** What is wrong with a stored model that cannot be used, if anything. */
	public Optional<String> problem(String id) {
		return Optional.ofNullable(problems.get(id));
	}

	public int count() {
		return models.size();
	}

	public ModelMetadata get(String id) {
		ModelMetadata model = Ids.isWellFormed(ModelStore.PREFIX, id) ? models.get(id) : null;
		if (model == null) {
			throw new ModelNotFoundException(id);
		}
		return model;
	}

	public Optional<LoadedModel> active() {
		return Optional.ofNullable(active);
	}

	/** Stores a freshly trained network as a new version; it becomes active only if no model is. */
	public ModelMetadata register(MultiLayerNetwork network, TrainingReport report) throws IOException {
		ModelMetadata model = store.save(network, Ids.newId(ModelStore.PREFIX), clock.instant(), report);
		models.put(model.id(), model);
		signals.send(CHANGED, model.id());
		log.info("Stored model {} from job {} (test accuracy {})", model.id(), report.jobId(), model.testAccuracy());
		synchronized (this) {
			if (active == null) {
				activate(model.id());
			}
		}
		return model;
	}

	/** Makes a stored model the one predictions use; it is loaded before it replaces the current one. */
	public synchronized ModelMetadata activate(String id) {
		ModelMetadata model = get(id);
		if (active != null && active.id().equals(id)) {
			return model;
		}
		LoadedModel loaded = loaded(id);
		try {
			store.writeActiveId(id);
		}
		catch (IOException ex) {
			// the active model stays as it was: recorded and answered alike
			log.error("Cannot record {} as the active model: {}", id, ex.toString());
			throw new StoreUnwritableException("Model %s was not made active".formatted(id), ex);
		}
		active = loaded;
		signals.send(CHANGED, id);
		log.info("Active model: {}", id);
		return model;
	}

	/** The model, loaded: the active one, or a stored one read from disk and kept among the recently used. */
	public LoadedModel loaded(String id) {
		LoadedModel current = active;
		if (current != null && current.id().equals(id)) {
			return current;
		}
		ModelMetadata model = get(id);
		String problem = problems.get(id);
		if (problem != null) {
			throw new ModelUnusableException(id, problem);
		}
		synchronized (recentlyUsed) {
			LoadedModel cached = recentlyUsed.get(id);
			if (cached != null) {
				return cached;
			}
			try {
				LoadedModel loaded = new LoadedModel(model, load(id));
				if (!models.containsKey(id)) {
					throw new ModelNotFoundException(id);
				}
				recentlyUsed.put(id, loaded);
				return loaded;
			}
			catch (IOException ex) {
				if (!models.containsKey(id)) {
					// deleted while it was being read
					throw new ModelNotFoundException(id);
				}
				throw new UncheckedIOException("Cannot load model " + id, ex);
			}
		}
	}

	/** Timed, failures included: a sample, as {@code recordCallable} would widen the IOException to Exception. */
	private MultiLayerNetwork load(String id) throws IOException {
		Timer.Sample sample = Timer.start();
		try {
			return store.load(id);
		}
		finally {
			sample.stop(loadTime);
		}
	}

	public synchronized void delete(String id) {
		ModelMetadata model = get(id);
		if (active != null && active.id().equals(id)) {
			throw new ActiveModelDeletionException(id);
		}
		uses.forEach(use -> use.use(id).ifPresent(why -> {
			throw new ModelInUseDeletionException(id, why);
		}));
		// unlisted first, so that no prediction starts reading files that are about to go
		synchronized (recentlyUsed) {
			models.remove(id);
			recentlyUsed.remove(id);
		}
		String problem = problems.remove(id);
		try {
			store.delete(id);
		}
		catch (IOException ex) {
			// still whole on disk: listed again, as it was
			if (problem != null) {
				problems.put(id, problem);
			}
			models.put(id, model);
			log.error("Cannot delete model {}: {}", id, ex.toString());
			throw new StoreUnwritableException("Model %s was not deleted".formatted(id), ex);
		}
		signals.send(CHANGED, id);
		log.info("Deleted model {}", id);
	}

	public Resource file(String id) {
		get(id);
		return store.file(id);
	}

}
