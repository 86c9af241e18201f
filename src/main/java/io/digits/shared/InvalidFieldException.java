package io.digits.shared;

/** A request that is well formed but asks for something out of bounds; names the field at fault. */
public class InvalidFieldException extends RuntimeException {

	private final String field;

	public InvalidFieldException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}

}
