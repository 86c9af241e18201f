package io.digits.web;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@DigitsServerTest
class OpenApiTests {

	@LocalServerPort
	int port;

	@Test
	void theOpenApiDocumentDescribesEveryEndpointItsDefaultsAndItsErrors() {
		DigitsClient client = new DigitsClient(port);
		JsonNode api = client.get("/v3/api-docs").json();

		JsonNode paths = api.get("paths");
		for (String path : new String[] { "/api/jobs", "/api/jobs/compare", "/api/jobs/{id}", "/api/jobs/{id}/cancel",
				"/api/models", "/api/models/{id}", "/api/models/{id}/file", "/api/models/active", "/api/predictions" }) {
			assertThat(paths.has(path)).as(path).isTrue();
		}
		JsonNode listParameters = paths.get("/api/jobs").get("get").get("parameters");
		assertThat(listParameters.findValuesAsString("name")).contains("state", "sweep", "dataset", "sort");
		JsonNode submit = paths.get("/api/jobs").get("post").get("responses");
		assertThat(submit.has("202")).isTrue();
		assertThat(submit.get("429").get("content").has("application/problem+json")).isTrue();
		JsonNode predict = paths.get("/api/predictions").get("post").get("responses");
		for (String status : new String[] { "400", "413", "415", "503" }) {
			assertThat(predict.has(status)).as(status).isTrue();
		}
		// the Open Inference Protocol answers its own error form, not problems
		JsonNode infer = paths.get("/v2/models/{name}/infer").get("post").get("responses");
		assertThat(infer.get("200").get("content").toString()).contains("InferenceResponse");
		for (String status : new String[] { "400", "404", "503" }) {
			assertThat(infer.get(status).get("content").propertyNames()).as(status).containsExactly("application/json");
		}
		JsonNode jobRequest = api.get("components").get("schemas").get("JobRequest").get("properties");
		assertThat(jobRequest.get("batchSize").get("default").asInt()).isEqualTo(128);
		assertThat(jobRequest.get("batchSize").get("maximum").asInt()).isEqualTo(60000);
		assertThat(jobRequest.get("optimizer").get("enum").toString()).contains("adamw");
		assertThat(jobRequest.get("learningRate").get("description").asString()).isNotBlank();
		assertThat(client.get("/swagger-ui/index.html").status()).isEqualTo(200);
	}

}
