package io.digits.shared;

/** How much of a refused value a problem quotes back: enough to recognise it, never all of a hostile one. */
public final class Excerpt {

	public static final int LENGTH = 40;

	private Excerpt() {
	}

	/** The value, or its first {@value #LENGTH} characters and "...". */
	public static String of(String value) {
		return value.length() <= LENGTH ? value : value.substring(0, LENGTH) + "...";
	}

}
