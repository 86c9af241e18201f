import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import io.digits.DigitsApplication;
import io.digits.inference.PixelRequest;
import io.digits.inference.PredictionResponse;
import io.digits.inference.PredictionService;
import io.digits.model.ClassProbabilities;
import io.digits.model.LoadedModel;
import io.digits.model.ModelService;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.multipart.MultipartFile;

/**
 * Where a prediction's time goes without HTTP, for bench/predict.sh: the service's own beans, started on the store the
 * benchmark trained, called directly and timed one call at a time.
 *
 * Arguments: the store directory and the data directory; bench/predict.sh writes digit.png and pixels.json next to
 * the store.
 */
public class InProcessPredictions {

	private static final int WARM_UP = 10_000;

	private static final int CALLS = 10_000;

	public static void main(String[] args) throws Exception {
		Path store = Path.of(args[0]);
		byte[] json = Files.readAllBytes(store.resolveSibling("pixels.json"));
		byte[] png = Files.readAllBytes(store.resolveSibling("digit.png"));
		// the web server starts (the error handling needs it) on a port nobody calls: every call below is a method call
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DigitsApplication.class)
			.run("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off", "--digits.store.dir=" + store, "--digits.data.dir=" + args[1], "--digits.bootstrap.enabled=false",
					"--logging.level.root=ERROR", "--logging.level.org.nd4j=ERROR")) {
			PredictionService predictions = context.getBean(PredictionService.class);
			JsonMapper mapper = context.getBean(JsonMapper.class);
			LoadedModel model = context.getBean(ModelService.class).active().orElseThrow();
			MultiLayerNetwork network = model.network();
			float[] pixels = mapper.readValue(json, PixelRequest.class).pixels();
			System.out.println("In process, " + CALLS + " calls each after " + WARM_UP + " to warm up, one at a time:");
			System.out.println("| step                                                    | p50 µs | p99 µs |");
			System.out.println("|---------------------------------------------------------|--------|--------|");
			time("forward pass, 1 image (network.output)", () -> forward(network, pixels, 1));
			time("forward pass, 64 images in one batch", () -> forward(network, pixels, 64));
			time("JSON body parsed to pixels", () -> mapper.readValue(json, PixelRequest.class));
			time("JSON request: parse, predict, write the answer",
					() -> mapper.writeValueAsBytes(predictions.predictPixels(mapper.readValue(json, PixelRequest.class), null)));
			time("PNG request: decode, prepare, predict, write the answer",
					() -> mapper.writeValueAsBytes(predictions.predictUploads(List.of(new Upload(png)), null)));
		}
	}

	private static float[][] forward(MultiLayerNetwork network, float[] pixels, int images) {
		float[] flat = new float[images * pixels.length];
		for (int i = 0; i < images; i++) {
			System.arraycopy(pixels, 0, flat, i * pixels.length, pixels.length);
		}
		for (int i = 0; i < flat.length; i++) {
			flat[i] /= 255f;
		}
		INDArray input = Nd4j.create(flat, new long[] { images, pixels.length }, DataType.FLOAT);
		return ClassProbabilities.of(network, input).toFloatMatrix();
	}

	private static void time(String step, Supplier<Object> call) {
		for (int i = 0; i < WARM_UP; i++) {
			call.get();
		}
		long[] nanos = new long[CALLS];
		for (int i = 0; i < CALLS; i++) {
			long start = System.nanoTime();
			call.get();
			nanos[i] = System.nanoTime() - start;
		}
		Arrays.sort(nanos);
		System.out.printf("| %-55s | %6.0f | %6.0f |%n", step, nanos[CALLS / 2] / 1e3, nanos[CALLS * 99 / 100] / 1e3);
	}

	/** One uploaded part, as Spring hands it over after parsing the multipart body. */
	private record Upload(byte[] bytes) implements MultipartFile {

		@Override
		public String getName() {
			return "image";
		}

		@Override
		public String getOriginalFilename() {
			return "digit.png";
		}

		@Override
		public String getContentType() {
			return "image/png";
		}

		@Override
		public boolean isEmpty() {
			return bytes.length == 0;
		}

		@Override
		public long getSize() {
			return bytes.length;
		}

		@Override
		public byte[] getBytes() {
			return bytes;
		}

		@Override
		public InputStream getInputStream() {
			return new ByteArrayInputStream(bytes);
		}

		@Override
		public void transferTo(File destination) {
			throw new UnsupportedOperationException();
		}

	}

}
