package io.digits.openinference;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.digits.inference.PredictionService;
import io.digits.model.LoadedModel;
import io.digits.model.ModelMetadata;
import io.digits.model.ModelNotFoundException;
import io.digits.model.ModelService;
import io.digits.model.NoActiveModelException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.digits.openinference.InferenceRequestValidationTests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.when;

/** The protocol's endpoints: health in the status, metadata, what an answer holds, and every refusal's status. */
@OpenInferenceSlice
class OpenInferenceControllerTests {

	private static final String ONE_IMAGE = request("UINT8", "[1, 784]", "0,".repeat(783) + "0");

	private static final String STORED = "model-0123456789ab";

	private static final String DAMAGED = "model-ba9876543210";

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	PredictionService predictions;

	@MockitoBean
	ModelService models;

	@MockitoBean
	ServerHealth health;

	@Test
	void healthIsInTheStatusAndTheBody() {
		when(health.live()).thenReturn(true);
		when(health.ready()).thenReturn(false);

		assertThat(mvc.get().uri("/v2/health/live")).hasStatusOk().bodyJson().isEqualTo("{\"live\": true}");
		assertThat(mvc.get().uri("/v2/health/ready")).hasStatus(400).bodyJson().isEqualTo("{\"ready\": false}");

		when(health.ready()).thenReturn(true);
		assertThat(mvc.get().uri("/v2/health/ready")).hasStatusOk().bodyJson().isEqualTo("{\"ready\": true}");
	}

	@Test
	void theModelIsReadyWhenOneIsActiveAndAVersionWhenItIsUsable() {
		storedModels();
		when(models.active()).thenReturn(Optional.empty());
		assertThat(mvc.get().uri("/v2/models/digits/ready")).hasStatus(400)
			.bodyJson()
			.isEqualTo("{\"name\": \"digits\", \"ready\": false}");

		when(models.active()).thenReturn(Optional.of(new LoadedModel(model(STORED), null)));
		assertThat(mvc.get().uri("/v2/models/digits/ready")).hasStatusOk().bodyJson().extractingPath("$.ready").isEqualTo(true);
		assertThat(mvc.get().uri("/v2/models/digits/versions/" + STORED + "/ready")).hasStatusOk();
		assertThat(mvc.get().uri("/v2/models/digits/versions/" + DAMAGED + "/ready")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.ready")
			.isEqualTo(false);
	}

	@Test
	void theServerAndTheModelDescribeThemselves() {
		storedModels();

		MvcTestResult server = mvc.get().uri("/v2").exchange();
		assertThat(server).hasStatusOk().bodyJson().extractingPath("$.name").isEqualTo("digits");
		assertThat(server).bodyJson().extractingPath("$.extensions").asArray().isEmpty();
		// the project's version, filled in at build time (application.properties)
		assertThat(server).bodyJson().extractingPath("$.version").asString().matches("\\d+\\.\\d+\\.\\d+.*");
		assertThat(mvc.get().uri("/v2/")).hasStatusOk();
		assertThat(mvc.get().uri("/v2/models/digits")).hasStatusOk().bodyJson().isStrictlyEqualTo("""
				{"name": "digits", "versions": ["model-0123456789ab"], "platform": "deeplearning4j_zip",
				 "inputs": [{"name": "input", "datatype": "FP32", "shape": [-1, 784]}],
				 "outputs": [{"name": "probabilities", "datatype": "FP32", "shape": [-1, 10]},
				             {"name": "digit", "datatype": "INT64", "shape": [-1]}]}""");
		assertThat(mvc.get().uri("/v2/models/digits/versions/" + STORED)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.versions")
			.isEqualTo(List.of(STORED));
	}

	@Test
	void anAnswerNamesTheModelAndVersionEchoesTheIdAndHoldsBothOutputsByDefault() {
		when(predictions.predictPixels(any(), isNull())).thenReturn(ProtocolErrors.answer(2));

		MvcTestResult result = infer("/v2/models/digits/infer", "{\"id\": \"req-1\", " + request("FP32", "[2, 784]",
				"0,".repeat(1567) + "0").substring(1));

		assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		assertThat(result).bodyJson().isStrictlyEqualTo("""
				{"model_name": "digits", "model_version": "model-0123456789ab", "id": "req-1", "outputs": [
				 {"name": "probabilities", "shape": [2, 10], "datatype": "FP32",
				  "data": [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]},
				 {"name": "digit", "shape": [2], "datatype": "INT64", "data": [3, 3]}]}""");
	}

	@Test
	void outputsAreChosenByNameInTheOrderAskedAndNoIdIsNoIdInTheAnswer() {
		when(predictions.predictPixels(any(), isNull())).thenReturn(ProtocolErrors.answer(1));
		String body = ONE_IMAGE.substring(0, ONE_IMAGE.length() - 1)
				+ ", \"outputs\": [{\"name\": \"digit\", \"parameters\": {\"binary_data\": false}}], \"parameters\": {\"x\": 1}}";

		MvcTestResult result = infer("/v2/models/digits/infer", body);

		assertThat(result).hasStatusOk().bodyJson().extractingPath("$.outputs[*].name").isEqualTo(List.of("digit"));
		assertThat(result).bodyJson().extractingPath("$").asMap().doesNotContainKey("id");
	}

	@Test
	void aVersionInfersWithThatStoredModel() {
		storedModels();
		when(predictions.predictPixels(any(), eq(STORED))).thenReturn(ProtocolErrors.answer(1));

		assertThat(infer("/v2/models/digits/versions/" + STORED + "/infer", ONE_IMAGE)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.model_version")
			.isEqualTo(STORED);
	}

	/**
	 * The protocol's own example, unchanged: two inputs (UINT32 [2, 2], BOOL [3]) for a model named mymodel. Here it
	 * is refused for the model's name, and under this model's name for its two inputs, in the protocol's error form.
	 */
	@Test
	void theSpecificationsExampleUnchangedIsRefusedInTheProtocolsErrorForm() {
		String example = """
				{
				  "id" : "42",
				  "inputs" : [
				    {
				      "name" : "input0",
				      "shape" : [ 2, 2 ],
				      "datatype" : "UINT32",
				      "data" : [ 1, 2, 3, 4 ]
				    },
				    {
				      "name" : "input1",
				      "shape" : [ 3 ],
				      "datatype" : "BOOL",
				      "data" : [ true ]
				    }
				  ],
				  "outputs" : [
				    {
				      "name" : "output0"
				    }
				  ]
				}""";

		ProtocolErrors.assertError(infer("/v2/models/mymodel/infer", example), 404, "No model 'mymodel' here");
		ProtocolErrors.assertError(infer("/v2/models/digits/infer", example), 400, "inputs holds 2 tensors");
	}

	@Test
	void everyRefusalHasItsStatusInTheProtocolsErrorForm() {
		when(models.get("model-000000000000")).thenThrow(new ModelNotFoundException("model-000000000000"));
		ProtocolErrors.assertError(mvc.get().uri("/v2/models/mnist").exchange(), 404, "this server serves one model, 'digits'");
		ProtocolErrors.assertError(mvc.get().uri("/v2/models/digits/versions/model-000000000000").exchange(), 404,
				"No model 'model-000000000000'");
		ProtocolErrors.assertError(infer("/v2/models/digits/versions/model-000000000000/infer", ONE_IMAGE), 404,
				"No model 'model-000000000000'");
		ProtocolErrors.assertError(mvc.get().uri("/v2/models/digits/infer").exchange(), 405, "");
		ProtocolErrors.assertError(mvc.get().uri("/v2/repository/index").exchange(), 404, "");

		when(predictions.predictPixels(any(), isNull())).thenThrow(new NoActiveModelException());
		MvcTestResult noModel = infer("/v2/models/digits/infer", ONE_IMAGE);
		ProtocolErrors.assertError(noModel, 503, "No model is active");
		assertThat(noModel).hasHeader("Retry-After", "60");
	}

	/** ProblemHandler's last resort names the failure's class; the protocol's answer does not. */
	@Test
	void aFaultIs500AndNamesNoClass() {
		when(predictions.predictPixels(any(), isNull())).thenThrow(new IllegalStateException("The forward pass failed"));

		ProtocolErrors.assertError(infer("/v2/models/digits/infer", ONE_IMAGE), 500, "Something went wrong on our side");
	}

	/** The body of an inference is JSON whatever its Content-Type: not every client sends one, curl -d sends a form's. */
	@Test
	void theBodyIsReadAsJsonWhateverItsContentType() {
		when(predictions.predictPixels(any(), isNull())).thenReturn(ProtocolErrors.answer(1));

		assertThat(mvc.post().uri("/v2/models/digits/infer").content(ONE_IMAGE)).hasStatusOk();
		for (MediaType type : new MediaType[] { MediaType.APPLICATION_FORM_URLENCODED, MediaType.TEXT_PLAIN,
				MediaType.APPLICATION_OCTET_STREAM }) {
			assertThat(mvc.post().uri("/v2/models/digits/infer").contentType(type).content(ONE_IMAGE)).as(type.toString())
				.hasStatusOk();
		}
	}

	private MvcTestResult infer(String path, String body) {
		return mvc.post().uri(path).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
	}

	/** One usable stored model and one whose file failed its check. */
	private void storedModels() {
		when(models.list()).thenReturn(List.of(model(STORED), model(DAMAGED)));
		when(models.problem(STORED)).thenReturn(Optional.empty());
		when(models.problem(DAMAGED)).thenReturn(Optional.of("its file does not match its SHA-256"));
		when(models.get(STORED)).thenReturn(model(STORED));
		when(models.get(DAMAGED)).thenReturn(model(DAMAGED));
	}

	private static ModelMetadata model(String id) {
		return new ModelMetadata(id, "job-0123456789ab", "mnist", Instant.EPOCH, 1, 1, "", 0.9, 0.3, Map.of(), List.of(),
				new int[0][], null, null, null, null);
	}

}
