package io.digits.page;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.Predicate;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import io.digits.support.MnistSamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The rollout on the page, in Debian's headless Chromium against a running service with two real models: a canary
 * set through the Models card's form answers its share of requests sent through the API, the report table shows its
 * requests and its agreement with the primary as the API gives them, with its per-digit disagreement; promoted from
 * the page, it is the primary. A shadow is set and removed, a refusal is said in words beside the form, and a
 * canary's answer on the canvas says it was the canary's. Each test saves a screenshot under target/screenshots/; the
 * first also saves rollout.png, the Models card (docs/page-rollout.png).
 */
@DigitsServerTest
class RolloutPageBrowserTests {

	private static final int REQUESTS = 200;

	private static String primary;

	private static String candidate;

	private static String third;

	@LocalServerPort
	int port;

	DigitsClient client;

	ChromeDriver browser;

	WebDriverWait wait;

	/** A console error the test expects (null: none may appear). */
	Predicate<String> expectedConsoleError;

	@BeforeEach
	void openThePage() {
		client = new DigitsClient(port);
		if (primary == null) {
			primary = client.trainModel("{\"trainLimit\": 3000, \"epochs\": 1, \"activate\": true}");
			// another shape, so that the two disagree on some digits
			candidate = client.trainModel("{\"trainLimit\": 3000, \"epochs\": 1, \"hiddenLayers\": [32]}");
			third = client.trainModel("{\"trainLimit\": 3000, \"epochs\": 1, \"hiddenLayers\": [64]}");
		}
		// the primary alone, whatever another test left
		assertThat(client.putJson("/api/models/active", "{\"modelId\": \"" + primary + "\"}").status()).isEqualTo(200);
		browser = HeadlessChromium.open(port);
		wait = new WebDriverWait(browser, Duration.ofSeconds(60));
		browser.findElement(By.id("token")).sendKeys(DigitsClient.TEST_TOKEN + "\t");
		wait.until(driver -> primary.equals(rollout().getDomAttribute("data-primary"))
				&& offered().contains(candidate));
	}

	@AfterEach
	void screenshotAndClose(TestInfo test) throws Exception {
		try {
			HeadlessChromium.finish(browser, test, expectedConsoleError);
		}
		finally {
			// no canary nor shadow left for the other classes on this server
			client.putJson("/api/models/active", "{\"modelId\": \"" + primary + "\"}");
		}
	}

	@Test
	void aCanarySetOnThePageAnswersItsShareTheReportShowsItAsTheApiDoesAndPromotionMakesItPrimary() throws Exception {
		WebElement form = browser.findElement(By.id("rollout-form"));
		assertThat(form.findElement(By.cssSelector("input[name=role][value=canary]")).isSelected()).isTrue();
		assertThat(offered()).as("the canary cannot be the primary").doesNotContain(primary);
		new Select(form.findElement(By.name("modelId"))).selectByValue(candidate);
		fill(form, "percent", "30");
		fill(form, "stickyBy", "");
		assertThat(browser.findElement(By.id("rollout-set")).getText()).isEqualTo("Set canary");
		browser.findElement(By.id("rollout-set")).click();

		wait.until(driver -> candidate.equals(rollout().getDomAttribute("data-canary")));
		JsonNode routing = client.get("/api/models/routing").json();
		assertThat(routing.get("primary").asString()).isEqualTo(primary);
		assertThat(routing.get("canary").get("modelId").asString()).isEqualTo(candidate);
		assertThat(routing.get("canary").get("percent").asDouble()).isEqualTo(30.0);
		assertThat(routing.has("shadow")).isFalse();
		// the routing in words and as a bar; the models list names the canary
		assertThat(text("#routing li[data-role=primary]")).isEqualTo("primary\n" + primary
				+ " answers the other 70% of the requests: the active model");
		assertThat(text("#routing li[data-role=canary] .words")).isEqualTo(candidate
				+ " answers 30% of the requests, each request drawn on its own");
		assertThat(browser.findElement(By.id("split")).getDomAttribute("aria-label"))
			.isEqualTo("Answers: 70% by the primary " + primary + ", 30% by the canary " + candidate);
		assertThat(text("#model-list tr[data-id='" + candidate + "'] td:nth-child(3)")).isEqualTo("canary, 30%");
		assertThat(text("#status")).isEqualTo(candidate + " is the canary now: it answers 30% of the requests");

		// a shadow beside it: the canary stays as it was
		form.findElement(By.cssSelector("input[name=role][value=shadow]")).click();
		new Select(form.findElement(By.name("modelId"))).selectByValue(third);
		fill(form, "percent", "50");
		browser.findElement(By.id("rollout-set")).click();
		wait.until(driver -> third.equals(rollout().getDomAttribute("data-shadow")));
		routing = client.get("/api/models/routing").json();
		assertThat(routing.get("canary").get("modelId").asString()).isEqualTo(candidate);
		assertThat(routing.get("canary").get("percent").asDouble()).isEqualTo(30.0);
		assertThat(routing.get("shadow").get("modelId").asString()).isEqualTo(third);
		assertThat(routing.get("shadow").get("percent").asDouble()).isEqualTo(50.0);

		// 200 requests of one MNIST test digit each, from another client
		int byCanary = 0;
		for (int i = 0; i < REQUESTS; i++) {
			DigitsClient.Response answer = client.postJson("/api/predictions", pixels(i));
			assertThat(answer.status()).isEqualTo(200);
			String model = answer.headers().firstValue("X-Model-Id").orElseThrow();
			assertThat(answer.json().get("modelId").asString()).isEqualTo(model);
			if (model.equals(candidate)) {
				assertThat(answer.json().get("role").asString()).isEqualTo("canary");
				byCanary++;
			}
		}
		assertThat(byCanary).as("the canary's share of 200").isBetween(30, 90);
		int answered = byCanary;
		// every canary answer compared with the primary's (after the responses, on their own queue)
		JsonNode canary = awaitReport(report -> {
			JsonNode entry = entry(report, "canary");
			return entry != null && entry.get("requests").asInt() == answered
					&& entry.get("compared").asInt() + entry.get("dropped").asInt() == answered;
		});
		canary = entry(canary, "canary");
		// and the shadow's passes done: its count stays still for half a second
		JsonNode shadow = entry(awaitReport(new Predicate<>() {
			long seen = -1;

			int still;

			@Override
			public boolean test(JsonNode report) {
				JsonNode entry = entry(report, "shadow");
				long now = entry == null ? -1 : entry.get("requests").asLong();
				still = now > 0 && now == seen ? still + 1 : 0;
				seen = now;
				return still >= 5;
			}
		}), "shadow");
		assertThat(shadow.get("requests").asInt()).as("the shadow's share of 200").isBetween(60, 140);
		long compared = canary.get("compared").asLong();
		double agreement = canary.get("agreement").asDouble();
		long disagreed = 0;
		for (JsonNode digit : canary.get("perClass")) {
			disagreed += digit.get("disagreed").asLong();
		}

		// the page shows the report as the API gives it, with its next refresh
		WebElement row = wait.until(driver -> {
			WebElement r = driver.findElement(By.cssSelector("#rollout-models tr[data-role=canary]"));
			return String.valueOf(answered).equals(r.getDomAttribute("data-requests"))
					&& !r.getDomAttribute("data-agreement").isEmpty()
					&& Double.parseDouble(r.getDomAttribute("data-agreement")) == agreement ? r : null;
		});
		List<WebElement> cells = row.findElements(By.tagName("td"));
		assertThat(cells.get(0).getText()).isEqualTo("canary\n" + candidate);
		assertThat(cells.get(1).getText()).isEqualTo(String.valueOf(answered));
		String shown = cells.get(2).findElement(By.cssSelector(".value")).getText();
		assertThat(shown).matches("\\d{1,3}\\.\\d%");
		assertThat(Double.parseDouble(shown.replace("%", ""))).isCloseTo(100 * agreement, within(0.051));
		assertThat(cells.get(2).findElement(By.cssSelector(".sub")).getText())
			.isEqualTo((compared - disagreed) + " of " + compared + " images");
		assertThat(cells.get(3).getText()).matches("\\d+\\.\\d+ / \\d+\\.\\d+ ms");
		assertThat(cells.get(4).getText()).isEqualTo(canary.get("dropped").asString());
		WebElement shadowRow = wait.until(driver -> {
			WebElement r = driver.findElement(By.cssSelector("#rollout-models tr[data-role=shadow]"));
			return shadow.get("requests").asString().equals(r.getDomAttribute("data-requests")) ? r : null;
		});
		assertThat(Double.parseDouble(shadowRow.getDomAttribute("data-agreement")))
			.isEqualTo(shadow.get("agreement").asDouble());
		assertThat(shadowRow.findElements(By.tagName("td")).get(0).getText()).isEqualTo("shadow\n" + third);
		WebElement primaryRow = browser.findElement(By.cssSelector("#rollout-models tr[data-role=primary]"));
		assertThat(primaryRow.getDomAttribute("data-requests")).isEqualTo(String.valueOf(REQUESTS - answered));
		assertThat(primaryRow.findElements(By.tagName("td")).get(2).getText()).isEqualTo("the reference");
		// the disagreement by the primary's digit: ten cells, the counts written under each share
		List<WebElement> digits = browser.findElements(By.cssSelector("#disagreement tr[data-role=canary] td"));
		assertThat(digits).hasSize(10);
		long shownDisagreed = digits.stream()
			.map(cell -> cell.getDomAttribute("data-disagreed"))
			.filter(value -> value != null)
			.mapToLong(Long::parseLong)
			.sum();
		assertThat(shownDisagreed).isEqualTo(disagreed);
		for (JsonNode digit : canary.get("perClass")) {
			if (digit.get("compared").asLong() > 0) {
				WebElement cell = digits.get(digit.get("digit").asInt());
				assertThat(cell.findElement(By.cssSelector(".count")).getText())
					.isEqualTo(digit.get("disagreed").asLong() + "/" + digit.get("compared").asLong());
				assertThat(cell.findElement(By.cssSelector(".rate")).getText()).isEqualTo(String.format(Locale.ROOT,
						"%d%%", Math.round(100.0 * digit.get("disagreed").asLong() / digit.get("compared").asLong())));
			}
		}

		WebElement models = browser.findElement(By.id("models"));
		browser.executeScript("arguments[0].scrollIntoView()", models);
		HeadlessChromium.screenshot(browser, "rollout", browser.findElement(By.cssSelector("#models .card-head")),
				browser.findElement(By.id("rollout")));

		// promoted from the page: the canary is the primary, alone
		WebElement promote = browser.findElement(By.id("rollout-promote"));
		assertThat(promote.getDomAttribute("aria-label")).isEqualTo("Promote the canary " + candidate + " to primary");
		promote.click();
		wait.until(driver -> candidate.equals(rollout().getDomAttribute("data-primary")));
		assertThat(client.get("/api/models/active").json().get("id").asString()).isEqualTo(candidate);
		JsonNode after = client.get("/api/models/routing").json();
		assertThat(after.get("primary").asString()).isEqualTo(candidate);
		assertThat(after.has("canary")).isFalse();
		assertThat(after.get("shadow").get("modelId").asString()).as("the shadow stays").isEqualTo(third);
		assertThat(rollout().getDomAttribute("data-canary")).isEmpty();
		assertThat(browser.findElements(By.id("rollout-promote"))).isEmpty();
		assertThat(text("#status")).isEqualTo(candidate + " is the primary now: it answers every request");
		wait.until(ExpectedConditions.textToBe(By.cssSelector("#model-list tr[data-id='" + candidate + "'] td:nth-child(3)"),
				"active"));
	}

	@Test
	void aShadowIsSetAndRemovedFromThePageAndARefusalIsSaidInWordsBesideTheForm() {
		WebElement form = browser.findElement(By.id("rollout-form"));
		// a share out of bounds: the service's refusal in its words, the field marked, nothing changed
		expectedConsoleError = error -> error.contains("/api/models/routing") && error.contains("400");
		new Select(form.findElement(By.name("modelId"))).selectByValue(candidate);
		fill(form, "percent", "150");
		browser.findElement(By.id("rollout-set")).click();
		wait.until(ExpectedConditions.textToBe(By.id("rollout-error"),
				"canary.percent is 150.0; a share of the requests is 0..100"));
		assertThat(form.findElement(By.name("percent")).getDomAttribute("aria-invalid")).isEqualTo("true");
		assertThat(browser.findElement(By.id("rollout-error")).getDomAttribute("role")).isEqualTo("alert");
		assertThat(client.get("/api/models/routing").json().has("canary")).isFalse();

		// a shadow: the sticky header is a canary's only; the primary itself may be its own shadow
		form.findElement(By.cssSelector("input[name=role][value=shadow]")).click();
		assertThat(browser.findElement(By.id("rollout-set")).getText()).isEqualTo("Set shadow");
		assertThat(form.findElement(By.name("stickyBy")).isDisplayed()).isFalse();
		assertThat(offered()).contains(primary, candidate);
		new Select(form.findElement(By.name("modelId"))).selectByValue(candidate);
		fill(form, "percent", "50");
		browser.findElement(By.id("rollout-set")).click();
		wait.until(driver -> candidate.equals(rollout().getDomAttribute("data-shadow")));
		assertThat(text("#rollout-error")).as("the refusal is gone with the next change").isEmpty();
		assertThat(form.findElement(By.name("percent")).getDomAttribute("aria-invalid")).isNull();
		JsonNode shadow = client.get("/api/models/routing").json().get("shadow");
		assertThat(shadow.get("modelId").asString()).isEqualTo(candidate);
		assertThat(shadow.get("percent").asDouble()).isEqualTo(50.0);
		assertThat(text("#routing li[data-role=shadow] .words")).isEqualTo(candidate
				+ " sees a copy of 50% of the requests after their answer, and is only compared");
		assertThat(text("#routing li[data-role=primary]")).isEqualTo("primary\n" + primary
				+ " answers every request: the active model");
		assertThat(browser.findElement(By.id("split")).getDomAttribute("aria-label"))
			.isEqualTo("Answers: 100% by the primary " + primary + ". Copied to the shadow " + candidate + ": 50%");
		// listed in the report before it has seen anything
		assertThat(browser.findElement(By.cssSelector("#rollout-models tr[data-role=shadow] td.agreement")).getText())
			.isEqualTo("nothing compared yet");

		browser.findElement(By.id("rollout-remove-shadow")).click();
		wait.until(driver -> rollout().getDomAttribute("data-shadow").isEmpty());
		assertThat(client.get("/api/models/routing").json().has("shadow")).isFalse();
		assertThat(browser.findElements(By.cssSelector("#routing li[data-role=shadow]"))).isEmpty();
		assertThat(text("#status")).isEqualTo("The shadow " + candidate + " is removed");
	}

	@Test
	void aCanarysAnswerOnTheCanvasSaysItWasTheCanarys(@TempDir Path dir) throws Exception {
		assertThat(client.putJson("/api/models/routing",
				"{\"canary\": {\"modelId\": \"" + candidate + "\", \"percent\": 100}}").status()).isEqualTo(200);
		wait.until(driver -> candidate.equals(rollout().getDomAttribute("data-canary")));
		Path png = Files.write(dir.resolve("digit.png"), MnistSamples.png(MnistSamples.image(0)));
		browser.findElement(By.id("upload")).sendKeys(png.toString());

		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("answer-role")));
		assertThat(text("#answer-model")).isEqualTo(candidate);
		assertThat(browser.findElement(By.id("answer")).getDomAttribute("data-role")).isEqualTo("canary");
		assertThat(browser.findElement(By.id("answer-role")).getDomProperty("textContent"))
			.isEqualTo("canary The canary answered: a model on trial, given a share of the requests");
		assertThat(browser.findElements(By.cssSelector("#answer-role .role-canary svg.icon"))).hasSize(1);
		// capture is off here (digits.capture.sampling-rate 0): no correcting, and a line that says why
		assertThat(browser.findElement(By.id("correct-form")).isDisplayed()).isFalse();
		assertThat(text("#correct-off")).startsWith("This answer was not kept, so it cannot be corrected here")
			.contains("digits.capture.sampling-rate");
		// the drift panel stays with the active model
		assertThat(text("#drift-model")).isEqualTo(primary);
		HeadlessChromium.screenshot(browser.findElement(By.id("predict")), "rolloutAnswer");

		// the primary's answers say nothing of a role
		client.putJson("/api/models/active", "{\"modelId\": \"" + primary + "\"}");
		browser.findElement(By.id("upload")).sendKeys(png.toString());
		wait.until(ExpectedConditions.textToBe(By.id("answer-model"), primary));
		assertThat(browser.findElement(By.id("answer-role")).isDisplayed()).isFalse();
	}

	private WebElement rollout() {
		return browser.findElement(By.id("rollout"));
	}

	/** The models the form offers for the role chosen. */
	private List<String> offered() {
		return browser.findElements(By.cssSelector("#rollout-form select[name=modelId] option"))
			.stream()
			.map(option -> option.getDomAttribute("value"))
			.toList();
	}

	private void fill(WebElement form, String name, String value) {
		WebElement input = form.findElement(By.name(name));
		input.clear();
		input.sendKeys(value);
	}

	private JsonNode awaitReport(Predicate<JsonNode> done) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		JsonNode report = client.get("/api/models/routing/report").json();
		while (!done.test(report)) {
			assertThat(System.nanoTime()).as("the report never settled: %s", report).isLessThan(deadline);
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			report = client.get("/api/models/routing/report").json();
		}
		return report;
	}

	private static JsonNode entry(JsonNode report, String role) {
		for (JsonNode model : report.get("models")) {
			if (model.get("role").asString().equals(role)) {
				return model;
			}
		}
		return null;
	}

	private String text(String selector) {
		return ((String) browser.executeScript("return document.querySelector(arguments[0]).innerText", selector)).strip();
	}

	private static String pixels(int index) {
		StringJoiner pixels = new StringJoiner(",", "{\"pixels\": [", "]}");
		Arrays.stream(MnistSamples.pixels(index)).forEach(value -> pixels.add(Integer.toString(value)));
		return pixels.toString();
	}

}
