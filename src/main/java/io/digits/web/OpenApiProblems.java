package io.digits.web;

import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.stereotype.Component;

/**
 * Documents the problem answers of every operation in one place, so the OpenAPI document says which errors each
 * endpoint gives and what they look like ({@link ProblemHandler} produces them).
 */
@Component
class OpenApiProblems implements OpenApiCustomizer {

	private static final String PROBLEM = "Problem";

	@Override
	public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
		openApi.getComponents().addSchemas(PROBLEM, problemSchema());
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			if (path.equals("/v2") || path.startsWith("/v2/")) {
				protocolErrorsOf(path).forEach((status, description) -> addError(operation, status, description));
				return;
			}
			boolean hasBody = operation.getRequestBody() != null;
			boolean hasQuery = operation.getParameters() != null
					&& operation.getParameters().stream().anyMatch(parameter -> "query".equals(parameter.getIn()));
			if (hasBody || hasQuery) {
				add(operation, "400", "Invalid input: the problem's field and detail name what is wrong and the allowed range");
			}
			if (path.contains("{id}") || path.equals("/api/models/active") || path.equals("/api/predictions")) {
				add(operation, "404", "No such job or model (ids that are not well formed are unknown too)");
			}
			errorsOf(method, path).forEach((status, description) -> add(operation, status, description));
			add(operation, "500", "Unexpected: the detail says so without internals; the log has the stack trace");
		}));
	}

	/** The Open Inference Protocol's refusals: its own {@code {"error": ...}}, not problems. */
	private static Map<String, String> protocolErrorsOf(String path) {
		if (path.startsWith("/v2/health/")) {
			return Map.of("400", "Not live, or not ready: the status is the answer");
		}
		Map<String, String> errors = new TreeMap<>(Map.of("404", "Another model than digits, or an unknown version",
				"500", "Unexpected: the error says so without internals"));
		if (path.endsWith("/ready")) {
			errors.put("400", "Not ready: no model is active, or this version's file failed its check");
		}
		if (path.endsWith("/infer")) {
			errors.put("400", "A bad tensor, named with the field at fault: inputs[0].shape, inputs[0].data[5], ...");
			errors.put("409", "A version whose file failed its check");
			errors.put("413", "A body over digits.web.max-body-size");
			errors.put("503", "No active model, or too many predictions waiting (Retry-After)");
		}
		return errors;
	}

	private static void addError(Operation operation, String status, String description) {
		if (operation.getResponses().containsKey(status)) {
			return;
		}
		operation.getResponses()
			.addApiResponse(status, new ApiResponse().description(description)
				.content(new Content().addMediaType("application/json", new MediaType().schema(new ObjectSchema()
					.addProperty("error", new StringSchema().description("What is wrong and what to do about it"))))));
	}

	private static Map<String, String> errorsOf(PathItem.HttpMethod method, String path) {
		if (method == PathItem.HttpMethod.POST && path.equals("/api/jobs")) {
			return Map.of("429", "The job queue is full; Retry-After says when to try again");
		}
		if (path.equals("/api/predictions")) {
			return Map.of("413", "An upload or request too large, or an image larger than the allowed side",
					"415", "Not a PNG, JPEG, GIF or BMP image, or a body that is neither multipart nor JSON",
					"503", "No active model (the detail says how to train one), or too many predictions waiting");
		}
		if (method == PathItem.HttpMethod.DELETE) {
			return Map.of("409", "The model is the active one");
		}
		return Map.of();
	}

	private static void add(Operation operation, String status, String description) {
		if (operation.getResponses().containsKey(status)) {
			return;
		}
		operation.getResponses()
			.addApiResponse(status, new ApiResponse().description(description)
				.content(new Content().addMediaType("application/problem+json",
						new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
	}

	private static Schema<?> problemSchema() {
		return new ObjectSchema().description("RFC 9457 problem details")
			.addProperty("type", new StringSchema())
			.addProperty("title", new StringSchema())
			.addProperty("status", new IntegerSchema())
			.addProperty("detail", new StringSchema().description("What is wrong and what to do about it"))
			.addProperty("instance", new StringSchema())
			.addProperty("field", new StringSchema().description("The request field at fault, when there is one"));
	}

}
