package io.digits.model;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

/** The model API's web layer: the statuses its exceptions carry. */
@WebMvcTest(ModelController.class)
class ModelControllerTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	ModelService models;

	/** The same answer as a prediction without an active model (PredictionControllerTests). */
	@Test
	void noActiveModelIs503WithRetryAfter() {
		when(models.active()).thenReturn(Optional.empty());

		MvcTestResult active = mvc.get().uri("/api/models/active").exchange();

		assertThat(active).hasStatus(503).hasHeader("Retry-After", "60").hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(active).bodyJson().extractingPath("$.title").isEqualTo("No active model");
		assertThat(active).bodyJson().extractingPath("$.detail").asString().contains("POST /api/jobs");
	}

	/** A hint a client can follow wherever the service listens: the token named, no host, port or curl line. */
	@Test
	void theNoActiveModelHintNamesTheTokenAndNoPort() {
		when(models.active()).thenReturn(Optional.empty());

		MvcTestResult active = mvc.get().uri("/api/models/active").exchange();

		assertThat(active).bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("POST /api/jobs with the API token")
			.doesNotContain("8080")
			.doesNotContain("localhost")
			.doesNotContain("curl");
	}

	@Test
	void anUnknownModelIs404AndDeletingTheActiveOneIs409() {
		when(models.get("model-000000000000")).thenThrow(new ModelNotFoundException("model-000000000000"));
		org.mockito.Mockito.doThrow(new ActiveModelDeletionException("model-0123456789ab"))
			.when(models)
			.delete("model-0123456789ab");

		assertThat(mvc.get().uri("/api/models/model-000000000000").exchange()).hasStatus(404)
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Not found");
		assertThat(mvc.delete().uri("/api/models/model-0123456789ab").exchange()).hasStatus(409)
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Model is active");
	}

}
