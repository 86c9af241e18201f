package io.digits.training.job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.digits.data.Dataset;
import io.digits.data.ExtraImages;
import io.digits.data.ExtraTrainingImages;
import io.digits.training.settings.TrainingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What a job trains on: its dataset's first {@code trainLimit} images and, when it asked for them, the labelled
 * captures after them. The captures are read from the port once, when the job first starts, and their ids recorded
 * with the job; a resumed job (a restart, another replica, a paused trial) reads the port again and keeps those ids
 * alone, in their order, so that it goes on over the same images, whatever was labelled since.
 */
@Component
class JobTrainingSet {

	private static final Logger log = LoggerFactory.getLogger(JobTrainingSet.class);

	private final ObjectProvider<ExtraTrainingImages> extraImages;

	private final int maxExtraImages;

	JobTrainingSet(ObjectProvider<ExtraTrainingImages> extraImages, TrainingProperties properties) {
		this.extraImages = extraImages;
		this.maxExtraImages = properties.maxExtraImages();
	}

	/**
	 * The dataset with the job's training set as its training split (the dataset itself when nothing comes on top);
	 * records on the job the captures read.
	 *
	 * @throws IllegalStateException when the job asked for captures and none can be read here: it fails saying so
	 */
	Dataset of(TrainingJob job, Dataset dataset) {
		if (!job.hyperparameters().labelledCaptures()) {
			return dataset;
		}
		ExtraTrainingImages port = extraImages.getIfAvailable();
		if (port == null) {
			throw new IllegalStateException("the job asks for the labelled captures, but this replica keeps none");
		}
		ExtraImages read = port.labelled(dataset.name().id(), maxExtraImages);
		List<String> recorded = job.captureIds();
		ExtraImages used = recorded == null ? read : only(recorded, read);
		if (recorded != null && used.count() < recorded.size()) {
			// deleted since the job started: it goes on without them, and says so; the record keeps what it uses now
			log.warn("Job {} resumes with {} of its {} captures: the others are no longer labelled", job.id(), used.count(),
					recorded.size());
		}
		job.capturesRead(used.ids());
		log.info("Job {} trains on {} images: {} of {} and {} labelled captures", job.id(), job.trainingImages(),
				job.hyperparameters().trainLimit(), dataset.name().id(), used.count());
		return new Dataset(dataset.name(), dataset.train().withExtra(job.hyperparameters().trainLimit(), used),
				dataset.test());
	}

	/** The images of {@code ids} that {@code read} still holds, in the order of {@code ids}. */
	static ExtraImages only(List<String> ids, ExtraImages read) {
		Map<String, Integer> index = new HashMap<>();
		for (int i = 0; i < read.count(); i++) {
			index.putIfAbsent(read.ids().get(i), i);
		}
		List<String> kept = new ArrayList<>(ids.size());
		List<float[]> pixels = new ArrayList<>(ids.size());
		List<Integer> labels = new ArrayList<>(ids.size());
		for (String id : ids) {
			Integer at = index.get(id);
			if (at != null) {
				kept.add(id);
				pixels.add(read.pixels()[at]);
				labels.add(read.labels()[at]);
			}
		}
		return new ExtraImages(kept, pixels.toArray(float[][]::new), labels.stream().mapToInt(Integer::intValue).toArray());
	}

}
