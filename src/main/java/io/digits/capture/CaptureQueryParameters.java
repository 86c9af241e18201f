package io.digits.capture;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.digits.data.DatasetName;
import io.digits.shared.Excerpt;
import io.digits.shared.Ids;
import io.digits.shared.InvalidFieldException;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The capture list's query parameters, read as strictly as the job list's: a value that is not one of those allowed
 * is a 400 naming the parameter and what it may be, never a silently unfiltered or empty answer.
 */
final class CaptureQueryParameters {

	private static final List<String> FORMATS = List.of("json", "zip");

	private CaptureQueryParameters() {
	}

	/** One page's place: {@code page} from 0, {@code size} 1..digits.capture.max-page-size. */
	record Page(int page, int size) {
	}

	static Page page(String page, String size, int defaultSize, int maxSize) {
		int number = integer("page", page, 0, 0, Integer.MAX_VALUE, "0 or more");
		int count = integer("size", size, Math.min(defaultSize, maxSize), 1, maxSize,
				"1 to %d (digits.capture.max-page-size)".formatted(maxSize));
		return new Page(number, count);
	}

	static CaptureFilter filter(String lowConfidence, String model, String labelled, String dataset) {
		return new CaptureFilter(bool("lowConfidence", lowConfidence), modelId(model), bool("labelled", labelled),
				dataset(dataset));
	}

	/**
	 * A zip when {@code ?format=zip}, or, without {@code format}, when the client accepts {@code application/zip} and
	 * not JSON; JSON otherwise.
	 */
	static boolean zip(String format, String accept) {
		if (format != null) {
			if (!FORMATS.contains(format)) {
				throw refused("format", format, FORMATS.stream().collect(Collectors.joining(", ")));
			}
			return format.equals("zip");
		}
		if (accept == null) {
			return false;
		}
		try {
			List<MediaType> accepted = MediaType.parseMediaTypes(accept);
			return accepted.stream().anyMatch(type -> type.equalsTypeAndSubtype(MediaType.parseMediaType(CaptureExport.ZIP)))
					&& accepted.stream().noneMatch(type -> type.equalsTypeAndSubtype(MediaType.APPLICATION_JSON));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private static int integer(String name, String value, int fallback, int min, int max, String allowed) {
		if (value == null) {
			return fallback;
		}
		try {
			int number = Integer.parseInt(value);
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// refused below, as a value out of range is
		}
		throw refused(name, value, allowed);
	}

	private static Boolean bool(String name, String value) {
		if (value == null) {
			return null;
		}
		if (value.equals("true") || value.equals("false")) {
			return Boolean.valueOf(value);
		}
		throw refused(name, value, "true or false");
	}

	private static String modelId(String model) {
		if (model == null) {
			return null;
		}
		// the model package's prefix; a capture's model id is one of its ids
		if (!Ids.isWellFormed("model", model)) {
			throw new InvalidFieldException("model",
					"model must be a model id (model- and 12 hex digits), was '%s'".formatted(Excerpt.of(model)));
		}
		return model;
	}

	private static String dataset(String dataset) {
		if (dataset == null) {
			return null;
		}
		return DatasetName.fromId(dataset)
			.map(DatasetName::id)
			.orElseThrow(() -> refused("dataset", dataset,
					Arrays.stream(DatasetName.values()).map(DatasetName::id).collect(Collectors.joining(", "))));
	}

	private static InvalidFieldException refused(String name, String value, String allowed) {
		return new InvalidFieldException(name, "%s must be %s, was '%s'".formatted(name, allowed, Excerpt.of(value)));
	}

}
