package io.digits.data;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not the IDX file it should be: wrong magic number, wrong dimensions, truncated. */
public class IdxFormatException extends IOException {

	public IdxFormatException(Path file, String problem) {
		super(file + ": " + problem);
	}

}
