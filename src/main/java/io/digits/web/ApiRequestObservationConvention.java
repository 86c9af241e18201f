package io.digits.web;

import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import org.springframework.http.MediaType;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerHttpObservationDocumentation.LowCardinalityKeyNames;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Spring's {@code http.server.requests}, with two additions.
 * <p>
 * An {@code input} tag ({@code upload}, {@code json}, {@code other}) from the request's content type, so that
 * prediction latency can be told apart by what was sent: decoding a PNG costs more than reading pixels.
 * <p>
 * A {@code uri} for requests refused before any handler was matched, which Spring tags {@code UNKNOWN}: an upload over
 * the multipart limit (the parts are parsed before the handler is looked up), a missing token or a body over the limit
 * (refused by filters), a content type no handler takes. When the path is one a controller maps literally, it is
 * named, so such refusals count with their endpoint. Only literal mapped paths qualify, so the tag stays bounded
 * whatever paths clients send.
 */
class ApiRequestObservationConvention extends DefaultServerRequestObservationConvention {

	static final String INPUT = "input";

	private static final String UNKNOWN = "UNKNOWN";

	private final Supplier<Set<String>> literalPaths;

	/** {@code literalPaths} is asked on the first unnamed request, once every controller is mapped. */
	ApiRequestObservationConvention(Supplier<Set<String>> literalPaths) {
		this.literalPaths = literalPaths;
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
		return super.getLowCardinalityKeyValues(context).and(input(context));
	}

	@Override
	protected KeyValue uri(ServerRequestObservationContext context) {
		KeyValue uri = super.uri(context);
		if (!UNKNOWN.equals(uri.getValue()) || context.getCarrier() == null) {
			return uri;
		}
		String requestUri = context.getCarrier().getRequestURI();
		int contextPath = Math.min(context.getCarrier().getContextPath().length(), requestUri.length());
		String path = requestUri.substring(contextPath);
		return literalPaths.get().contains(path) ? KeyValue.of(LowCardinalityKeyNames.URI, path) : uri;
	}

	private static KeyValue input(ServerRequestObservationContext context) {
		String contentType = context.getCarrier() == null ? null : context.getCarrier().getContentType();
		return KeyValue.of(INPUT, input(contentType));
	}

	static String input(String contentType) {
		if (contentType == null) {
			return "other";
		}
		String type = contentType.toLowerCase(Locale.ROOT);
		if (type.startsWith(MediaType.MULTIPART_FORM_DATA_VALUE)) {
			return "upload";
		}
		return type.startsWith(MediaType.APPLICATION_JSON_VALUE) ? "json" : "other";
	}

}
