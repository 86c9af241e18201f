package io.digits.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.digits.data.DatasetName;
import io.digits.training.JobComparison.ComparedJob;
import io.digits.training.JobComparison.EpochRow;
import io.digits.training.JobComparison.EpochScores;
import io.digits.training.JobComparison.ScoredEpoch;
import io.digits.training.status.JobState;
import io.digits.training.store.JobFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The web layer of comparing jobs and of the list's filters (no training): the ids and filters read strictly, the
 * refusals as problems naming the parameter, and the comparison as JSON or CSV by content negotiation.
 */
@WebMvcTest(JobController.class)
class JobCompareAndFilterControllerTests {

	static final String A = "job-00000000000a", B = "job-00000000000b";

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	JobService jobs;

	@MockitoBean
	JobEventStreamer streamer;

	@Test
	void aComparisonIsJsonWithTheJobsInTheOrderAsked() {
		when(jobs.compare(List.of(B, A))).thenReturn(comparison(B, A));

		MvcTestResult result = mvc.get().uri("/api/jobs/compare?ids=" + B + "," + A).exchange();

		assertThat(result).hasStatus(200).hasContentType(MediaType.APPLICATION_JSON);
		assertThat(result).bodyJson().extractingPath("$.jobs[0].id").isEqualTo(B);
		assertThat(result).bodyJson().extractingPath("$.jobs[0].best.epoch").isEqualTo(1);
		assertThat(result).bodyJson().extractingPath("$.jobs[0].sweepId").isNull();
		assertThat(result).bodyJson().extractingPath("$.jobs[1].modelId").isNull();
		assertThat(result).bodyJson().extractingPath("$.jobs[1].last.epoch").isEqualTo(1);
		assertThat(result).bodyJson().extractingPath("$.differing.learningRate['" + A + "']").isEqualTo(0.01);
		assertThat(result).bodyJson().extractingPath("$.shared.batchSize").isEqualTo(128);
		assertThat(result).bodyJson().extractingPath("$.epochs[1].jobs['" + B + "'].testAccuracy").isEqualTo(0.93);
		assertThat(result).bodyJson().extractingPath("$.epochs[1].jobs").asMap().containsOnlyKeys(B);
	}

	@Test
	void aComparisonAsCsvHasAColumnPerJobAndMetricAndEmptyCellsWhereAJobHasNoSuchEpoch() {
		when(jobs.compare(List.of(B, A))).thenReturn(comparison(B, A));

		MvcTestResult result = mvc.get().uri("/api/jobs/compare?ids=" + B + "," + A).accept("text/csv").exchange();

		assertThat(result).hasStatus(200);
		assertThat(result.getResponse().getContentType()).startsWith("text/csv");
		assertThat(result).hasBodyTextEqualTo("""
				epoch,%1$s.trainLoss,%1$s.testLoss,%1$s.testAccuracy,%2$s.trainLoss,%2$s.testLoss,%2$s.testAccuracy
				1,0.4,0.3,0.91,0.5,0.45,0.88
				2,0.2,0.35,0.93,,,
				""".formatted(B, A));
	}

	@ParameterizedTest(name = "ids={0}")
	@ValueSource(strings = { "job-00000000000a", "job-00000000000a,job-00000000000b,job-00000000000c,"
			+ "job-00000000000d,job-00000000000e,job-00000000000f,job-000000000010,job-000000000011,"
			+ "job-000000000012,job-000000000013,job-000000000014", "", "job-00000000000a,,job-00000000000b",
			"job-00000000000a,job-00000000000b,", ",job-00000000000a", "job-00000000000a;job-00000000000b",
			"job-00000000000a, job-00000000000b", "job-00000000000a,not-a-job", "job-00000000000a,job-00000000000a",
			"job-00000000000a,model-00000000000b" })
	void idsThatAreNotTwoToTenDistinctJobIdsAreA400NamingIds(String ids) {
		MvcTestResult result = mvc.get().uri("/api/jobs/compare?ids={ids}", ids).exchange();

		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.field").isEqualTo("ids");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("ids must");
		verify(jobs, never()).compare(any());
	}

	@Test
	void withoutIdsTheRefusalSaysWhatIsExpected() {
		MvcTestResult result = mvc.get().uri("/api/jobs/compare").exchange();

		assertThat(result).hasStatus(400);
		assertThat(result).bodyJson().extractingPath("$.field").isEqualTo("ids");
		assertThat(result).bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("ids must be 2 to 10 job ids, comma separated (?ids=job-...,job-...), was none");
	}

	@Test
	void anUnknownJobIsA404NamingItAsJsonOrCsvWasAskedFor() {
		when(jobs.compare(List.of(A, B))).thenThrow(new JobNotFoundException(B));

		for (String accept : new String[] { "application/json", "text/csv" }) {
			MvcTestResult result = mvc.get().uri("/api/jobs/compare?ids=" + A + "," + B).accept(accept).exchange();

			assertThat(result).as(accept).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("No job '" + B + "'");
		}
	}

	@Test
	void theListPassesItsFiltersAndSortToTheService() {
		when(jobs.list(any(), anyInt(), anyInt())).thenReturn(List.of());

		assertThat(mvc.get()
			.uri("/api/jobs?state=SUCCEEDED&sweep=sweep-0123456789ab&dataset=fashion-mnist&sort=accuracy&page=1&size=5")
			.exchange()).hasStatus(200);
		assertThat(mvc.get().uri("/api/jobs").exchange()).hasStatus(200);
		assertThat(mvc.get().uri("/api/jobs?state=STOPPED_EARLY&sort=date").exchange()).hasStatus(200);

		verify(jobs).list(new JobFilter(JobState.SUCCEEDED, "sweep-0123456789ab", DatasetName.FASHION_MNIST,
				JobFilter.Sort.ACCURACY), 1, 5);
		verify(jobs).list(JobFilter.NONE, 0, 20);
		verify(jobs).list(new JobFilter(JobState.STOPPED_EARLY, null, null, JobFilter.Sort.DATE), 0, 20);
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource({ "state, succeeded, 'QUEUED, RUNNING, PAUSED, SUCCEEDED, FAILED, CANCELLED, STOPPED_EARLY'",
			"state, DONE, 'SUCCEEDED'", "dataset, MNIST, 'mnist, fashion-mnist'", "dataset, cifar10, 'mnist'",
			"sort, newest, 'date, accuracy'", "sort, ACCURACY, 'date, accuracy'" })
	void aFilterOrSortOutsideItsValuesIsA400NamingIt(String parameter, String value, String allowed) {
		MvcTestResult result = mvc.get().uri("/api/jobs?" + parameter + "={value}", value).exchange();

		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.field").isEqualTo(parameter);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains(allowed).contains(value);
		verify(jobs, never()).list(any(), anyInt(), anyInt());
	}

	@Test
	void aHugeRefusedValueIsQuotedAbbreviated() {
		MvcTestResult result = mvc.get().uri("/api/jobs?state={state}", "X".repeat(5000)).exchange();

		assertThat(result).hasStatus(400);
		assertThat(result.getResponse().getContentAsByteArray().length).isLessThan(1000);
	}

	/** first: two epochs, its best the first (the lower test loss); second: running, one epoch. */
	private static JobComparison comparison(String first, String second) {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		Map<String, EpochScores> both = new LinkedHashMap<>();
		both.put(first, new EpochScores(0.4, 0.3, 0.91));
		both.put(second, new EpochScores(0.5, 0.45, 0.88));
		Map<String, JsonNode> learningRates = new LinkedHashMap<>();
		learningRates.put(first, nodes.numberNode(0.001));
		learningRates.put(second, nodes.numberNode(0.01));
		return new JobComparison(
				List.of(new ComparedJob(first, JobState.SUCCEEDED, null, "model-0123456789ab",
						new ScoredEpoch(1, 0.4, 0.3, 0.91), new ScoredEpoch(2, 0.2, 0.35, 0.93)),
						new ComparedJob(second, JobState.RUNNING, null, null, new ScoredEpoch(1, 0.5, 0.45, 0.88),
								new ScoredEpoch(1, 0.5, 0.45, 0.88))),
				Map.of("learningRate", learningRates), Map.of("batchSize", nodes.numberNode(128)),
				List.of(new EpochRow(1, both), new EpochRow(2, Map.of(first, new EpochScores(0.2, 0.35, 0.93)))));
	}

}
