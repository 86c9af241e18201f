package io.digits.inference;

import java.util.List;
import java.util.concurrent.Executors;

import io.digits.data.Dataset;
import io.digits.data.DatasetName;
import io.digits.data.DatasetRepository;
import io.digits.model.InputReference;
import io.digits.model.InputReferences;
import io.digits.model.LoadedModel;
import io.digits.model.ModelService;
import io.digits.model.ReferenceProfile;
import io.digits.model.ReferenceProfiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What a served model's answers are judged against: its reference profile, as registered (a model registered before
 * profiles were kept has its dataset's input bounds, measured here, and no answer reference), and its dataset's class
 * means. The dataset's part is measured once per process (about a second for MNIST), in the background as the service
 * becomes ready, so the first prediction does not wait for it.
 */
@Component
class ModelReferences {

	private static final Logger log = LoggerFactory.getLogger(ModelReferences.class);

	private final DatasetRepository datasets;

	private final InputReferences inputs;

	private final ModelService models;

	ModelReferences(DatasetRepository datasets, InputReferences inputs, ModelService models) {
		this.datasets = datasets;
		this.inputs = inputs;
		this.models = models;
	}

	/** The model's profile; null when its dataset cannot be read. */
	ReferenceProfile profile(LoadedModel model) {
		ReferenceProfile stored = model.metadata().profile();
		if (stored != null) {
			return stored;
		}
		InputReference input = input(model);
		return input == null ? null : new ReferenceProfile(input.inkMass(), input.width(), input.height(),
				input.nearestMeanDistance(), input.inkMassDeciles(), List.of(), List.of());
	}

	/** The mean image of each digit in the model's dataset; null when it cannot be read. */
	float[][] classMeans(LoadedModel model) {
		InputReference input = input(model);
		return input == null ? null : input.classMeans();
	}

	private InputReference input(LoadedModel model) {
		String dataset = model.metadata().dataset();
		try {
			Dataset data = datasets.get(DatasetName.fromId(dataset).orElseThrow());
			return inputs.of(dataset, () -> ReferenceProfiles.inputReference(data.train().features(),
					data.train().labels(), data.test().features()));
		}
		catch (RuntimeException ex) {
			log.warn("No input reference for model {} ({}): {}", model.id(), dataset, ex.toString());
			return null;
		}
	}

	/** Measures the active model's dataset reference before the first prediction needs it. */
	@EventListener(ApplicationReadyEvent.class)
	void warmUp() {
		models.active().ifPresent(active -> {
			var executor = Executors.newSingleThreadExecutor(task -> {
				Thread thread = new Thread(task, "reference-warm-up");
				thread.setDaemon(true);
				return thread;
			});
			executor.execute(() -> classMeans(active));
			executor.shutdown();
		});
	}

}
