package io.digits.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged service run as a process of its own, as in production, to be killed or stopped for real. */
public final class DigitsProcess implements AutoCloseable {

	private final Process process;

	private final Path log;

	private final int port;

	private DigitsProcess(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/** Started as the README says: with jvm.options and {@code OMP_NUM_THREADS=1}. */
	public static DigitsProcess start(Path store, String name, String... properties) throws IOException {
		return start(store, name, true, properties);
	}

	/** Started bare, {@code java -jar} alone, as a newcomer might: no JVM options, no OpenMP setting. */
	public static DigitsProcess startBare(Path store, String name) throws IOException {
		return start(store, name, false);
	}

	/** The settings of a start: some (a store's, say) and then more. */
	public static String[] settings(String[] some, String... more) {
		String[] all = java.util.Arrays.copyOf(some, some.length + more.length);
		System.arraycopy(more, 0, all, some.length, more.length);
		return all;
	}

	/** How a start that had to fail ended: the exit code and everything the process wrote. */
	public record Exited(int exitCode, String log) {
	}

	/** Started as the README says, for a start that must fail: waits for the process to exit, at most {@code timeout}. */
	public static Exited startExpectingExit(Path store, String name, Duration timeout, String... properties)
			throws IOException, InterruptedException {
		Path log = Path.of("target", "it-logs", name + ".log");
		Process process = launch(store, log, freePort(), true, properties);
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("the service did not exit within " + timeout + ":\n" + Files.readString(log));
		}
		return new Exited(process.exitValue(), Files.readString(log));
	}

	private static DigitsProcess start(Path store, String name, boolean asDocumented, String... properties)
			throws IOException {
		int port = freePort();
		Path log = Path.of("target", "it-logs", name + ".log");
		DigitsProcess digits = new DigitsProcess(launch(store, log, port, asDocumented, properties), log, port);
		digits.awaitUp(Duration.ofSeconds(90));
		return digits;
	}

	private static Process launch(Path store, Path log, int port, boolean asDocumented, String... properties)
			throws IOException {
		Files.createDirectories(log.getParent());
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		if (asDocumented) {
			command.add("@" + jvmOptions());
		}
		command.addAll(List.of("-jar", System.getProperty("digits.jar", "target/digits.jar"), "--server.port=" + port,
				"--digits.store.dir=" + store, "--digits.data.dir=" + MnistSamples.dataDir().toAbsolutePath(),
				"--digits.bootstrap.enabled=false", "--digits.auth.token=" + DigitsClient.TEST_TOKEN));
		command.addAll(List.of(properties));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		if (asDocumented) {
			builder.environment().put("OMP_NUM_THREADS", "1");
		}
		else {
			// the build's own JVMs run with it: a bare start must not inherit it
			builder.environment().remove("OMP_NUM_THREADS");
		}
		return builder.start();
	}

	public DigitsClient client() {
		return new DigitsClient(port);
	}

	public int port() {
		return port;
	}

	public long pid() {
		return process.pid();
	}

	/** SIGKILL: no shutdown hook runs, nothing is flushed. */
	public void kill() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor(30, TimeUnit.SECONDS);
	}

	/** SIGTERM, as a container runtime stops a service; answers the exit code, or fails after the timeout. */
	public int terminate(Duration timeout) throws InterruptedException {
		process.destroy();
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new AssertionError("the service did not stop within " + timeout);
		}
		return process.exitValue();
	}

	public String log() throws IOException {
		return Files.readString(log);
	}

	private void awaitUp(Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new AssertionError("the service exited at start:\n" + log());
			}
			try {
				if (client().get("/actuator/health/liveness").status() == 200) {
					return;
				}
			}
			catch (UncheckedIOException ex) {
				// not listening yet
			}
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		throw new AssertionError("the service did not start within " + timeout + ":\n" + log());
	}

	/**
	 * The service's JVM options, jvm.options at the project root (surefire and failsafe run in the project directory):
	 * the java launcher expands the @file, so the process runs as {@code java @jvm.options -jar} does.
	 */
	private static Path jvmOptions() {
		Path options = Path.of("jvm.options").toAbsolutePath();
		if (!Files.isRegularFile(options)) {
			throw new IllegalStateException("no JVM options at " + options + ": run the tests from the project directory");
		}
		return options;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (process.isAlive()) {
			kill();
		}
	}

}
