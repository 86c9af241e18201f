package io.digits.data;

/** The dataset's files are missing or damaged; the message says which file and how to fetch it. */
public class DatasetUnavailableException extends RuntimeException {

	public DatasetUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
