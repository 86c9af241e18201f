package io.digits.inference.image;

import io.digits.shared.ProblemException;

import org.springframework.http.HttpStatus;

/** An uploaded image that cannot be classified: unreadable (400), of a format not offered (415), too large. */
public class ImageRejectedException extends ProblemException {

	ImageRejectedException(HttpStatus status, String message) {
		super(status, "Image rejected", message);
		field("image");
	}

}
