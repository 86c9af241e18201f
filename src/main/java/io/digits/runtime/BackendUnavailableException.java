package io.digits.runtime;

/** ND4J could load no backend; {@code cudaBuild} when the CUDA backend is the one that was there to load. */
public class BackendUnavailableException extends RuntimeException {

	private final boolean cudaBuild;

	public BackendUnavailableException(boolean cudaBuild, Throwable cause) {
		super("ND4J could not load its %s backend".formatted(cudaBuild ? "CUDA" : "CPU"), cause);
		this.cudaBuild = cudaBuild;
	}

	public boolean cudaBuild() {
		return cudaBuild;
	}

}
