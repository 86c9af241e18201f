package io.digits.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.digits.DigitsApplication;
import io.digits.support.DigitsClient;
import io.digits.support.MnistSamples;
import io.digits.support.SlowTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attack: 210 connections from one anonymous client, each sending a 100 KB JSON body two bytes every 8 s,
 * more than Tomcat's 200 workers. Health keeps answering on the service's own port, and every slow request is cut
 * off within the bound: a 408 once its body is late, or a 503 at once when the bodies being read are at their most.
 */
@SlowTest
class SlowClientsTests {

	private static final int CONNECTIONS = 210;

	private static final int BODY_BYTES = 100 * 1024;

	private static final Duration TRICKLE = Duration.ofSeconds(8);

	/** digits.web.body-read-timeout, as this server is started with. */
	private static final Duration BODY_READ_TIMEOUT = Duration.ofSeconds(3);

	/** The body timeout, then at most one more wait for bytes: the trickle's, as it is below connection-timeout. */
	private static final Duration CUT_OFF_BOUND = BODY_READ_TIMEOUT.plus(TRICKLE).plusSeconds(2);

	@TempDir
	Path store;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	@Test
	void trickledBodiesNeitherStarveHealthNorLastBeyondTheBound() throws Exception {
		try (ConfigurableApplicationContext server = start()) {
			int port = ((WebServerApplicationContext) server).getWebServer().getPort();
			List<SlowClient> clients = new ArrayList<>();
			try {
				for (int i = 0; i < CONNECTIONS; i++) {
					clients.add(new SlowClient(port));
				}
				Thread trickler = daemon(() -> trickle(clients));

				for (int check = 0; check < 4; check++) {
					Thread.sleep(1500);
					HttpResponse<String> liveness = http.send(HttpRequest
						.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/liveness"))
						.timeout(Duration.ofSeconds(1))
						.build(), HttpResponse.BodyHandlers.ofString());
					assertThat(liveness.statusCode()).isEqualTo(200);
				}

				List<String> outcomes = new ArrayList<>();
				for (SlowClient client : clients) {
					outcomes.add(client.outcome.get(CUT_OFF_BOUND.toMillis() + 5000, TimeUnit.MILLISECONDS));
				}
				trickler.interrupt();
				assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).matches("(408|503) within bound"));
				assertThat(outcomes).contains("408 within bound");
				// every place among the bodies being read is free again
				assertThat(new DigitsClient(port).postJson("/api/predictions", pixels()).status()).isEqualTo(503);
			}
			finally {
				for (SlowClient client : clients) {
					client.close();
				}
			}
		}
	}

	private static Thread daemon(Runnable task) {
		Thread thread = new Thread(task);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/** Two more bytes of each body every 8 s, as the client did, for as long as its connection is open. */
	private static void trickle(List<SlowClient> clients) {
		try {
			while (!Thread.currentThread().isInterrupted()) {
				Thread.sleep(TRICKLE.toMillis());
				for (SlowClient client : clients) {
					client.send("0,");
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Nothing is active, so a whole prediction is answered 503 "no active model": the body was read through. */
	private static String pixels() {
		return "{\"pixels\": [" + "0,".repeat(783) + "0]}";
	}

	/** One connection sending a 100 KB JSON prediction body two bytes at a time; its outcome is the answer's status. */
	private static final class SlowClient {

		private final Socket socket = new Socket();

		private final OutputStream out;

		private final long opened = System.nanoTime();

		final CompletableFuture<String> outcome = new CompletableFuture<>();

		SlowClient(int port) throws IOException {
			socket.connect(new InetSocketAddress("localhost", port), 10_000);
			socket.setSoTimeout((int) CUT_OFF_BOUND.toMillis() + 5000);
			out = socket.getOutputStream();
			out.write(("POST /api/predictions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Content-Length: " + BODY_BYTES + "\r\n\r\n{\"").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			daemon(this::awaitAnswer);
		}

		synchronized void send(String bytes) {
			if (outcome.isDone()) {
				return;
			}
			try {
				out.write(bytes.getBytes(StandardCharsets.US_ASCII));
				out.flush();
			}
			catch (IOException ex) {
				// closed by the server: the answer, if any, is read by awaitAnswer
			}
		}

		private void awaitAnswer() {
			try {
				InputStream in = socket.getInputStream();
				byte[] statusLine = in.readNBytes(12);
				Duration took = Duration.ofNanos(System.nanoTime() - opened);
				String status = statusLine.length == 12 ? new String(statusLine, 9, 3, StandardCharsets.US_ASCII) : "closed";
				// the problem is whole (to the end of the connection, or to its last chunk), however much body was unread
				String rest = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
				boolean whole = rest.contains("application/problem+json")
						&& (rest.endsWith("\"}") || rest.endsWith("\"}\r\n0\r\n\r\n"));
				outcome.complete(status + (took.compareTo(CUT_OFF_BOUND) <= 0 ? " within bound" : " after " + took)
						+ (whole ? "" : ", cut: " + rest));
			}
			catch (IOException ex) {
				outcome.complete("no answer: " + ex);
			}
		}

		void close() throws IOException {
			socket.close();
		}

	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(DigitsApplication.class).run("--server.port=0",
				"--digits.store.dir=" + store, "--digits.bootstrap.enabled=false",
				"--digits.web.body-read-timeout=" + BODY_READ_TIMEOUT.toSeconds() + "s",
				"--digits.data.dir=" + MnistSamples.dataDir().toAbsolutePath(), "--digits.auth.token=" + DigitsClient.TEST_TOKEN);
	}

}
