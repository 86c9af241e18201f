package io.digits.training.job;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.digits.data.DataProperties;
import io.digits.data.Dataset;
import io.digits.data.DatasetName;
import io.digits.data.DatasetRepository;
import io.digits.data.ExtraImages;
import io.digits.data.ExtraTrainingImages;
import io.digits.support.MnistSamples;
import io.digits.training.JobRequest;
import io.digits.training.settings.StoppingRules;
import io.digits.training.settings.TrainingProperties;
import io.digits.training.status.JobView;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a job trains on: the dataset alone, or its first trainLimit images and the labelled captures read when it
 * starts, recorded by id; a resume keeps those ids, whatever was labelled or deleted since.
 */
class JobTrainingSetTests {

	private static final Dataset MNIST = new DatasetRepository(new DataProperties(MnistSamples.dataDir()))
		.get(DatasetName.MNIST);

	private static final TrainingProperties PROPERTIES = new Binder(
			new MapConfigurationPropertySource(Map.of("digits.training.max-extra-images", "25")))
		.bindOrCreate("digits.training", TrainingProperties.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void aJobWithoutCapturesTrainsOnTheDatasetItselfAndNeverAsksThePort() {
		AtomicInteger asked = new AtomicInteger();
		TrainingJob job = job("{\"trainLimit\": 1000}");

		Dataset set = trainingSet(port(asked, MnistSamples.captures(10))).of(job, MNIST);

		assertThat(set).isSameAs(MNIST);
		assertThat(asked).hasValue(0);
		assertThat(job.trainingImages()).isEqualTo(1000);
		assertThat(job.view().capturesAdded()).isZero();
		assertThat(job.view().captureIds()).isNull();
	}

	@Test
	void theLabelledCapturesComeOnTopOfTrainLimitAndTheirIdsAreRecorded() {
		ExtraImages captures = MnistSamples.captures(10);
		TrainingJob job = job("{\"trainLimit\": 1000, \"extraData\": {\"captures\": {\"labelled\": true}}}");
		assertThat(job.view().trainingImages()).as("unknown until the job starts").isNull();
		assertThat(job.view().capturesAdded()).isNull();

		Dataset set = trainingSet(port(new AtomicInteger(), captures)).of(job, MNIST);

		assertThat(set.train().count()).isEqualTo(1010);
		assertThat(set.test()).isSameAs(MNIST.test());
		assertThat(job.trainingImages()).isEqualTo(1010);
		JobView view = job.view();
		assertThat(view.trainingImages()).isEqualTo(1010);
		assertThat(view.capturesAdded()).isEqualTo(10);
		assertThat(view.captureIds()).isEqualTo(captures.ids());
		assertThat(view.progress().totalIterations()).isEqualTo(2 * 8);
		assertThat(job.record().captureIds()).isEqualTo(captures.ids());
	}

	@Test
	void aResumedJobTrainsOnTheCapturesItRecordedInTheirOrderLeavingOutNewAndDeletedOnes() {
		ExtraImages first = MnistSamples.captures(5);
		TrainingJob job = job("{\"trainLimit\": 1000, \"extraData\": {\"captures\": {\"labelled\": true}}}");
		trainingSet(port(new AtomicInteger(), first)).of(job, MNIST);
		TrainingJob restored = new TrainingJob(job.record(), Clock.systemUTC(), PROPERTIES.stream(), false);

		// since: capture 2 was deleted, captures 5..9 were labelled
		ExtraImages later = JobTrainingSet.only(List.of(first.ids().get(0), first.ids().get(1), first.ids().get(3),
				first.ids().get(4)), first);
		ExtraImages now = concat(later, MnistSamples.captures(10));
		Dataset set = trainingSet(port(new AtomicInteger(), now)).of(restored, MNIST);

		assertThat(restored.captureIds()).containsExactly(first.ids().get(0), first.ids().get(1), first.ids().get(3),
				first.ids().get(4));
		assertThat(set.train().count()).isEqualTo(1004);
		assertThat(set.train().classes()[1002]).isEqualTo((byte) first.labels()[3]);
	}

	@Test
	void theCapturesAreReadUpToTheirBound() {
		List<Integer> maxAsked = new ArrayList<>();
		ExtraTrainingImages port = (dataset, max) -> {
			maxAsked.add(max);
			assertThat(dataset).isEqualTo("mnist");
			return MnistSamples.captures(3);
		};

		trainingSet(port).of(job("{\"trainLimit\": 100, \"extraData\": {\"captures\": {\"labelled\": true}}}"), MNIST);

		assertThat(maxAsked).containsExactly(25);
	}

	@Test
	void aJobAskingForCapturesWhereNoneAreKeptFailsSayingSo() {
		JobTrainingSet none = new JobTrainingSet(new StaticListableBeanFactory().getBeanProvider(ExtraTrainingImages.class),
				PROPERTIES);

		assertThatThrownBy(() -> none.of(job("{\"extraData\": {\"captures\": {\"labelled\": true}}}"), MNIST))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("labelled captures");
	}

	private static TrainingJob job(String request) {
		return TrainingJob.queued("job-0123456789ab",
				JSON.readValue("{\"epochs\": 2, \"batchSize\": 128, " + request.substring(1), JobRequest.class)
					.resolve(60_000),
				false, StoppingRules.NONE, null, List.of(), Clock.systemUTC(), PROPERTIES.stream());
	}

	private static JobTrainingSet trainingSet(ExtraTrainingImages port) {
		ObjectProvider<ExtraTrainingImages> provider = new StaticListableBeanFactory(Map.of("captures", port))
			.getBeanProvider(ExtraTrainingImages.class);
		return new JobTrainingSet(provider, PROPERTIES);
	}

	private static ExtraTrainingImages port(AtomicInteger asked, ExtraImages images) {
		return (dataset, max) -> {
			asked.incrementAndGet();
			return images;
		};
	}

	private static ExtraImages concat(ExtraImages a, ExtraImages b) {
		List<String> ids = new ArrayList<>(a.ids());
		ids.addAll(b.ids().subList(5, b.count()));
		float[][] pixels = new float[ids.size()][];
		int[] labels = new int[ids.size()];
		for (int i = 0; i < ids.size(); i++) {
			boolean fromA = i < a.count();
			int at = fromA ? i : i - a.count() + 5;
			pixels[i] = fromA ? a.pixels()[at] : b.pixels()[at];
			labels[i] = fromA ? a.labels()[at] : b.labels()[at];
		}
		return new ExtraImages(ids, pixels, labels);
	}

}
