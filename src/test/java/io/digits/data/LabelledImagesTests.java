package io.digits.data;

import java.util.List;

import io.digits.support.MnistSamples;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A job's own training set: the first images of a dataset, then the extra ones, the shared set untouched. */
class LabelledImagesTests {

	private static final LabelledImages MNIST_TRAIN = new DatasetRepository(new DataProperties(MnistSamples.dataDir()))
		.get(DatasetName.MNIST)
		.train();

	@Test
	void theExtraImagesComeAfterTheFirstLimitImagesWithTheirLabels() {
		ExtraImages captures = MnistSamples.captures(10);

		LabelledImages set = MNIST_TRAIN.withExtra(1000, captures);

		assertThat(set.count()).isEqualTo(1010);
		assertThat(set.features().shape()).containsExactly(1010, LabelledImages.PIXELS);
		assertThat(set.labels().shape()).containsExactly(1010, LabelledImages.CLASSES);
		assertThat(set.features().get(NDArrayIndex.interval(0, 1000), NDArrayIndex.all()))
			.isEqualTo(MNIST_TRAIN.features().get(NDArrayIndex.interval(0, 1000), NDArrayIndex.all()));
		for (int i = 0; i < 10; i++) {
			assertThat(set.features().getRow(1000 + i).toFloatVector()).containsExactly(captures.pixels()[i]);
			assertThat(set.classes()[1000 + i]).isEqualTo((byte) captures.labels()[i]);
			assertThat(set.labels().getRow(1000 + i).argMax().getInt(0)).isEqualTo(captures.labels()[i]);
			assertThat(set.labels().getRow(1000 + i).sumNumber().floatValue()).isEqualTo(1f);
		}
		assertThat(set.classes()[999]).isEqualTo(MNIST_TRAIN.classes()[999]);
		assertThat(MNIST_TRAIN.count()).isEqualTo(60_000);
	}

	@Test
	void theWholeDatasetTakesTheExtraImagesOnTop() {
		LabelledImages set = MNIST_TRAIN.withExtra(60_000, MnistSamples.captures(10));

		assertThat(set.count()).isEqualTo(60_010);
		assertThat(set.classCounts(60_010)).containsExactly(addCaptures(MNIST_TRAIN.classCounts(60_000), 10));
	}

	@Test
	void noExtraImagesIsTheSharedSetItselfUncopied() {
		assertThat(MNIST_TRAIN.withExtra(1000, ExtraImages.NONE)).isSameAs(MNIST_TRAIN);
	}

	@Test
	void anExtraImageThatIsNotADigitImageIsRefusedNamingItsId() {
		float[] tooShort = new float[100];
		float[] tooBright = new float[784];
		tooBright[3] = 255f;
		float[] fine = new float[784];

		assertThatThrownBy(() -> MNIST_TRAIN.withExtra(10,
				new ExtraImages(List.of("capture-000000000001"), new float[][] { tooShort }, new int[] { 1 })))
			.hasMessageContaining("capture-000000000001")
			.hasMessageContaining("100 values");
		assertThatThrownBy(() -> MNIST_TRAIN.withExtra(10,
				new ExtraImages(List.of("capture-000000000002"), new float[][] { tooBright }, new int[] { 1 })))
			.hasMessageContaining("capture-000000000002")
			.hasMessageContaining("outside 0..1");
		assertThatThrownBy(() -> MNIST_TRAIN.withExtra(10,
				new ExtraImages(List.of("capture-000000000003"), new float[][] { fine }, new int[] { 10 })))
			.hasMessageContaining("capture-000000000003")
			.hasMessageContaining("labelled 10");
	}

	private static int[] addCaptures(int[] counts, int captures) {
		int[] total = counts.clone();
		for (int i = 0; i < captures; i++) {
			total[MnistSamples.label(i)]++;
		}
		return total;
	}

}
