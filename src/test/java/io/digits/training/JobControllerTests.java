package io.digits.training;

import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import io.digits.data.DatasetName;
import io.digits.training.job.TrainingJob;
import io.digits.training.settings.Activation;
import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.LearningRateSchedule;
import io.digits.training.settings.Optimizer;
import io.digits.training.settings.StoppingRules;
import io.digits.training.settings.TrainingProperties;
import io.digits.training.settings.WeightInitScheme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The job API's web layer alone (no training, no ND4J work): request validation, hostile JSON and the problem details
 * answered, the wire spellings accepted, and the statuses the feature's exceptions carry.
 */
@WebMvcTest(JobController.class)
class JobControllerTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	JobService jobs;

	@MockitoBean
	JobEventStreamer streamer;

	static Stream<Arguments> invalidRequests() {
		return Stream.of(Arguments.of("{\"epochs\": 0}", "epochs", "greater than or equal to 1"),
				Arguments.of("{\"epochs\": -3}", "epochs", "greater than or equal to 1"),
				Arguments.of("{\"epochs\": \"ten\"}", "epochs", "integer"),
				Arguments.of("{\"epochs\": 1.5}", "epochs", "integer"),
				Arguments.of("{\"epochs\": 99999999999}", "epochs", "integer"),
				Arguments.of("{\"learningRate\": 0}", "learningRate", "greater than 0"),
				Arguments.of("{\"learningRate\": -0.1}", "learningRate", "greater than 0"),
				Arguments.of("{\"learningRate\": 50}", "learningRate", "less than or equal to 10"),
				Arguments.of("{\"momentum\": 1.5}", "momentum", "less than 1"),
				Arguments.of("{\"momentum\": -0.5}", "momentum", "greater than or equal to 0"),
				Arguments.of("{\"batchSize\": 0}", "batchSize", "greater than or equal to 1"),
				Arguments.of("{\"batchSize\": 60001}", "batchSize", "less than or equal to 60000"),
				Arguments.of("{\"trainLimit\": 0}", "trainLimit", "greater than or equal to 1"),
				Arguments.of("{\"hiddenLayers\": [0]}", "hiddenLayers[0]", "greater than or equal to 1"),
				Arguments.of("{\"hiddenLayers\": [-5]}", "hiddenLayers[0]", "greater than or equal to 1"),
				Arguments.of("{\"hiddenLayers\": [128, 5000]}", "hiddenLayers[1]", "less than or equal to 4096"),
				Arguments.of("{\"hiddenLayers\": [null]}", "hiddenLayers[0]", "must not be null"),
				Arguments.of("{\"hiddenLayers\": [1,1,1,1,1,1,1,1,1]}", "hiddenLayers", "size must be between 0 and 8"),
				Arguments.of("{\"hiddenLayers\": 128}", "hiddenLayers", "array"),
				Arguments.of("{\"hiddenLayers\": \"128,64\"}", "hiddenLayers", "array"),
				Arguments.of("{\"activation\": \"swish\"}", "activation",
						"\"relu\", \"leaky-relu\", \"elu\", \"tanh\", \"sigmoid\""),
				Arguments.of("{\"activation\": \"RELU\"}", "activation", "\"relu\""),
				Arguments.of("{\"optimizer\": \"lbfgs\"}", "optimizer", "\"sgd\", \"momentum\", \"nesterov\", \"adam\""),
				Arguments.of("{\"optimizer\": 3}", "optimizer", "\"sgd\""),
				Arguments.of("{\"dataset\": \"cifar10\"}", "dataset", "\"mnist\", \"fashion-mnist\""),
				Arguments.of("{\"dataset\": \"../../etc/passwd\"}", "dataset", "\"mnist\""),
				Arguments.of("{\"weightInit\": \"zeros\"}", "weightInit", "\"xavier\", \"xavier-uniform\""),
				Arguments.of("{\"preset\": \"fast\"}", "preset", "\"seed-question\""),
				Arguments.of("{\"dropout\": 1}", "dropout", "less than 1"),
				Arguments.of("{\"l2\": -1}", "l2", "greater than or equal to 0"),
				Arguments.of("{\"weightDecay\": 2}", "weightDecay", "less than or equal to 1"),
				Arguments.of("{\"epochz\": 3}", "epochz", "unknown field 'epochz'"),
				Arguments.of("{\"activate\": \"yes\"}", "activate", "true or false"),
				// nulls, and values of another type, are refused rather than coerced (issue 11)
				Arguments.of("{\"epochs\": null}", "epochs", "must not be null"),
				Arguments.of("{\"learningRate\": null}", "learningRate", "must not be null"),
				Arguments.of("{\"epochs\": \"1\"}", "epochs", "integer"),
				Arguments.of("{\"learningRate\": \"0.01\"}", "learningRate", "a number"),
				Arguments.of("{\"activate\": 1}", "activate", "true or false"),
				Arguments.of("{\"activate\": \"true\"}", "activate", "true or false"),
				Arguments.of("{\"activation\": \"relu\\u0000\"}", "activation", "\"relu\", \"leaky-relu\""),
				Arguments.of("{\"activation\": \" relu\"}", "activation", "\"relu\", \"leaky-relu\""),
				// extra data: only {"captures": {"labelled": true}}, written out in full
				Arguments.of("{\"extraData\": {}}", "extraData.captures", "the only extra data a job can ask for"),
				Arguments.of("{\"extraData\": {\"captures\": {}}}", "extraData.captures.labelled", "is required"),
				Arguments.of("{\"extraData\": {\"captures\": {\"labelled\": false}}}", "extraData.captures.labelled",
						"only labelled captures can train"),
				Arguments.of("{\"extraData\": {\"captures\": \"yes\"}}", "extraData.captures", "object"),
				Arguments.of("{\"extraData\": {\"captures\": {\"labelled\": \"true\"}}}", "extraData.captures.labelled",
						"true or false"),
				Arguments.of("{\"extraData\": {\"captures\": {\"labelled\": 1}}}", "extraData.captures.labelled",
						"true or false"),
				Arguments.of("{\"extraData\": {\"captures\": {\"labelled\": null}}}", "extraData.captures.labelled",
						"must not be null"),
				Arguments.of("{\"extraData\": {\"captures\": {\"labelled\": true, \"max\": 5}}}",
						"extraData.captures.max", "unknown field 'extraData.captures.max'; known fields: labelled"),
				Arguments.of("{\"extraData\": {\"predictions\": true}}", "extraData.predictions",
						"unknown field 'extraData.predictions'; known fields: captures"),
				Arguments.of("{\"extraData\": true}", "extraData", "object"),
				Arguments.of("{\"extraData\": null}", "extraData", "must not be null"));
	}

	@ParameterizedTest(name = "{0} names {1}")
	@MethodSource("invalidRequests")
	void eachInvalidFieldIsA400ProblemThatNamesIt(String body, String field, String explanation) {
		MvcTestResult result = post(body);

		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.field").isEqualTo(field);
		assertThat(result).bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains(field.replaceAll("\\[.*", ""))
			.contains(explanation);
		verify(jobs, never()).submit(any());
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"epochs\": ", "not json", "[1, 2]", "[]", "\"a string\"", "{\"epochs\": 1}}",
			"{\"learningRate\": NaN}", "{\"learningRate\": Infinity}" })
	void aBodyThatIsNotAJobRequestIsA400Problem(String body) {
		MvcTestResult result = post(body);

		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson()
			.extractingPath("$.detail")
			.asString()
			.isNotBlank()
			.doesNotContain("Exception")
			.doesNotContain("\tat ");
		verify(jobs, never()).submit(any());
	}

	/** {} asks for every default; an empty body or the JSON null is more likely a client's slip (issue 11). */
	@ParameterizedTest
	@ValueSource(strings = { "", "null", " null ", " " })
	void anEmptyOrNullBodyIsA400ProblemNotADefaultJob(String body) {
		MvcTestResult result = post(body);

		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().containsAnyOf("missing or null", "JSON object");
		verify(jobs, never()).submit(any());
	}

	@ParameterizedTest
	@ValueSource(strings = { "[]", "\"a string\"", "7" })
	void aBodyThatIsNotAnObjectSaysSoWithoutNamingAJavaClass(String body) {
		MvcTestResult result = post(body);

		assertThat(result).hasStatus(400);
		assertThat(result).bodyJson()
			.extractingPath("$.detail")
			.asString()
			.isEqualTo("the request body must be a JSON object");
	}

	@Test
	void deeplyNestedJsonIsRefusedWithoutAStackOverflow() {
		String nested = "{\"hiddenLayers\": " + "[".repeat(5000) + "]".repeat(5000) + "}";

		assertThat(post(nested)).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	/** A 600 KB list refused for its size is quoted in a few characters, not echoed whole twice (issue 13). */
	@Test
	void aHugeRejectedValueIsQuotedAbbreviated() {
		String huge = "{\"hiddenLayers\": [" + "1,".repeat(300_000) + "1]}";

		MvcTestResult result = post(huge);

		assertThat(result).hasStatus(400);
		assertThat(result).bodyJson().extractingPath("$.field").isEqualTo("hiddenLayers");
		assertThat(result.getResponse().getContentAsByteArray().length).isLessThan(2000);
	}

	@Test
	void theOldSpellingsOfEnumValuesAreStillAccepted() {
		when(jobs.submit(any())).thenReturn(queuedJob());

		assertThat(post("{\"activation\": \"leakyrelu\", \"weightInit\": \"xavier_uniform\"}")).hasStatus(202);

		ArgumentCaptor<JobRequest> asked = ArgumentCaptor.forClass(JobRequest.class);
		verify(jobs).submit(asked.capture());
		assertThat(asked.getValue().activation()).isEqualTo(Activation.LEAKYRELU);
		assertThat(asked.getValue().weightInit()).isEqualTo(WeightInitScheme.XAVIER_UNIFORM);
	}

	@Test
	void anAcceptedJobIs202WithItsLocation() {
		when(jobs.submit(any())).thenReturn(queuedJob());

		MvcTestResult result = post("{}");

		assertThat(result).hasStatus(202).hasHeader("Location", "/api/jobs/job-0123456789ab");
		assertThat(result).bodyJson().extractingPath("$.state").isEqualTo("QUEUED");
		assertThat(result).bodyJson().extractingPath("$.hyperparameters.activation").isEqualTo("relu");
	}

	@Test
	void aFullQueueIs429WithRetryAfter() {
		when(jobs.submit(any())).thenThrow(new QueueFullException(16));

		MvcTestResult result = post("{}");

		assertThat(result).hasStatus(429).hasHeader("Retry-After", "30").hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Job queue full");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("16 jobs waiting");
	}

	@Test
	void anUnknownJobIs404() {
		when(jobs.get("job-000000000000")).thenThrow(new JobNotFoundException("job-000000000000"));

		MvcTestResult result = mvc.get().uri("/api/jobs/job-000000000000").exchange();

		assertThat(result).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("No job 'job-000000000000'");
	}

	@Test
	void pagesOutOfBoundsAre400() {
		assertThat(mvc.get().uri("/api/jobs?page=-1").exchange()).hasStatus(400);
		assertThat(mvc.get().uri("/api/jobs?size=100000").exchange()).hasStatus(400);
		assertThat(mvc.get().uri("/api/jobs?size=abc").exchange()).hasStatus(400);
	}

	@Test
	void aMalformedLastEventIdNamesTheHeader() {
		when(jobs.get("job-0123456789ab")).thenReturn(queuedJob());

		MvcTestResult result = mvc.get().uri("/api/jobs/job-0123456789ab/events").header("Last-Event-ID", "seven").exchange();

		assertThat(result).hasStatus(400);
		assertThat(result).bodyJson().extractingPath("$.field").isEqualTo("Last-Event-ID");
	}

	@Test
	void theLossCurveIsJsonOrCsvByContentNegotiation() {
		TrainingJob job = queuedJob();
		when(jobs.get("job-0123456789ab")).thenReturn(job);

		MvcTestResult json = mvc.get().uri("/api/jobs/job-0123456789ab/loss").exchange();
		MvcTestResult csv = mvc.get().uri("/api/jobs/job-0123456789ab/loss").accept("text/csv").exchange();

		assertThat(json).hasStatus(200).hasContentType(MediaType.APPLICATION_JSON);
		assertThat(json).bodyJson().isEqualTo("[]");
		assertThat(csv).hasStatus(200);
		assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
		assertThat(csv).hasBodyTextEqualTo("iteration,epoch,loss,timestamp\n");
	}

	private MvcTestResult post(String body) {
		return mvc.post().uri("/api/jobs").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
	}

	private static TrainingJob queuedJob() {
		Hyperparameters h = new Hyperparameters(DatasetName.MNIST, List.of(128, 64), Activation.RELU, Optimizer.ADAM,
				1e-3, LearningRateSchedule.CONSTANT, 0.9, 128, 10, 0, 0, 0, WeightInitScheme.RELU, 42, 60_000, null, null);
		return TrainingJob.queued("job-0123456789ab", h, false, StoppingRules.NONE, null, List.of(), Clock.systemUTC(),
				new TrainingProperties.Stream(20, java.time.Duration.ofSeconds(5), 1024, 256, 8,
						java.time.Duration.ofMinutes(10), 1000, 1000));
	}

}
