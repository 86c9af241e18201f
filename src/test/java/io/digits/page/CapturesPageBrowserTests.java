package io.digits.page;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Captured predictions on the page, in Debian's headless Chromium against a running service that keeps every answer:
 * a wrong answer on the canvas corrected with "Wrong? It's a _", then seen in the captures as corrected, with its
 * thumbnail; the filters, a label given and a capture deleted from the list, its pages and its zip. Each test saves a
 * screenshot under target/screenshots/; the first also saves captures.png, the Predict and Captures cards
 * (docs/page-captures.png).
 */
@DigitsServerTest
@TestPropertySource(properties = "digits.capture.sampling-rate=1.0")
class CapturesPageBrowserTests {

	/** Test digits sent through the API first: more than a page of captures, some of them doubtful. */
	private static final int SENT = 100;

	private static final int PAGE = 12;

	private static String model;

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
		if (model == null) {
			model = client.trainModel("{\"trainLimit\": 3000, \"epochs\": 1, \"activate\": true}");
		}
		browser = HeadlessChromium.open(port);
		wait = new WebDriverWait(browser, Duration.ofSeconds(60));
		browser.findElement(By.id("token")).sendKeys(DigitsClient.TEST_TOKEN + "\t");
	}

	@AfterEach
	void screenshotAndClose(TestInfo test) throws Exception {
		HeadlessChromium.finish(browser, test, expectedConsoleError);
	}

	@Test
	void aWrongAnswerCorrectedOnThePageIsInTheCapturesAsCorrectedWithFiltersPagesLabelsAndDeletion(@TempDir Path dir)
			throws Exception {
		// a hundred test digits through the API, in two requests: each answer kept; the first the model gets wrong
		List<JsonNode> answers = new ArrayList<>();
		for (int from = 0; from < SENT; from += SENT / 2) {
			DigitsClient.Response response = client.postJson("/api/predictions", images(from, from + SENT / 2));
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			response.json().get("predictions").forEach(answers::add);
		}
		int wrong = -1;
		for (int i = 0; i < SENT; i++) {
			assertThat(answers.get(i).get("predictionId").asString()).startsWith("capture-");
			if (wrong < 0 && answers.get(i).get("digit").asInt() != MnistSamples.label(i)) {
				wrong = i;
			}
		}
		assertThat(wrong).as("a digit the small model gets wrong").isNotNegative();
		int truth = MnistSamples.label(wrong);
		int answered = answers.get(wrong).get("digit").asInt();

		// the same digit uploaded on the page: the same wrong answer, and the control to correct it
		Path png = Files.write(dir.resolve("digit.png"), MnistSamples.png(MnistSamples.image(wrong)));
		browser.findElement(By.id("upload")).sendKeys(png.toString());
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("correct-form")));
		assertThat(text("#answer-digit")).isEqualTo(String.valueOf(answered));
		String predictionId = browser.findElement(By.id("correct")).getDomAttribute("data-prediction");
		assertThat(predictionId).startsWith("capture-");
		assertThat(browser.findElement(By.id("correct-off")).isDisplayed()).isFalse();
		assertThat(text("#correct-label")).isEqualTo("Wrong? It's a");
		List<WebElement> digits = browser.findElements(By.cssSelector("#correct-digits button"));
		assertThat(digits).hasSize(10);
		assertThat(digits.get(truth).getDomAttribute("aria-label")).isEqualTo("It's a " + truth);
		assertThat(digits.get(answered).getDomAttribute("aria-label"))
			.isEqualTo("It is a " + answered + ": the answer is right");

		digits.get(truth).click();
		wait.until(ExpectedConditions.textToBe(By.id("correct-result"), "Thanks: kept as a " + truth + ", corrected from "
				+ answered + " (" + predictionId + "); it is in the captures below."));
		assertThat(digits.get(truth).getDomAttribute("aria-pressed")).isEqualTo("true");
		JsonNode capture = client.get("/api/captures/" + predictionId).json();
		assertThat(capture.get("label").asInt()).isEqualTo(truth);
		assertThat(capture.get("digit").asInt()).isEqualTo(answered);

		// in the captures, newest first: corrected, with its thumbnail (the 28x28 input the model got)
		WebElement item = wait.until(driver -> {
			List<WebElement> items = driver.findElements(By.cssSelector("#capture-list li"));
			return !items.isEmpty() && predictionId.equals(items.get(0).getDomAttribute("data-id"))
					&& "corrected".equals(items.get(0).getDomAttribute("data-kind")) ? items.get(0) : null;
		});
		assertThat(item.findElement(By.cssSelector(".capture-label")).getText()).isEqualTo("corrected: it's a " + truth);
		assertThat(item.findElement(By.cssSelector(".capture-answer")).getText())
			.startsWith(answered + " answered, " + Math.round(100 * capture.get("confidence").asDouble()) + "% sure");
		assertThat(item.findElement(By.cssSelector(".capture-meta")).getText()).startsWith(model + " · ");
		WebElement thumbnail = item.findElement(By.cssSelector("img.thumb"));
		wait.until(driver -> (Boolean) browser.executeScript(
				"return arguments[0].complete && arguments[0].naturalWidth === 28", thumbnail));
		assertThat(thumbnail.getDomAttribute("alt")).isEqualTo("Input of " + predictionId + ": answered " + answered
				+ ", labelled " + truth);
		assertThat(new Select(item.findElement(By.cssSelector("select.label-select"))).getFirstSelectedOption()
			.getDomAttribute("value")).isEqualTo(String.valueOf(truth));
		assertThat(shownIds()).isEqualTo(ids(""));
		assertThat(browser.findElements(By.cssSelector("#capture-list .capture-answer")))
			.extracting(WebElement::getText)
			.allMatch(words -> words.matches("\\d answered, \\d{1,3}% sure(\\s+low confidence)?"), "said in words");
		WebElement captures = browser.findElement(By.id("captures"));

		// filters: labelled, waiting, low confidence; each as the API lists them
		filter("labelled", "true");
		wait.until(driver -> shownIds().equals(List.of(predictionId)));
		filter("labelled", "false");
		wait.until(driver -> !shownIds().isEmpty() && !shownIds().contains(predictionId));
		assertThat(shownIds()).isEqualTo(ids("labelled=false&"));
		filter("labelled", "");
		filter("lowConfidence", "true");
		List<String> doubtful = ids("lowConfidence=true&");
		assertThat(doubtful).as("the small model is unsure of some").isNotEmpty();
		wait.until(driver -> shownIds().equals(doubtful));
		assertThat(browser.findElements(By.cssSelector("#capture-list li")))
			.allMatch(li -> li.getDomAttribute("data-flags").contains("low-confidence"))
			.allMatch(li -> li.getText().contains("low confidence"));

		// a label given in the list: the doubtful one waiting for a label leaves the "waiting" filter once labelled
		filter("lowConfidence", "");
		filter("labelled", "false");
		wait.until(driver -> shownIds().equals(ids("labelled=false&")));
		String first = shownIds().get(0);
		new Select(browser.findElement(By.cssSelector("#capture-list li[data-id='" + first + "'] select.label-select")))
			.selectByValue("3");
		wait.until(driver -> !shownIds().contains(first));
		assertThat(client.get("/api/captures/" + first).json().get("label").asInt()).isEqualTo(3);

		// deleted from the list: gone, from the page and from the service
		String deleted = shownIds().get(0);
		WebElement delete = browser.findElement(By.cssSelector("#capture-list li[data-id='" + deleted + "'] button.delete"));
		assertThat(delete.getDomAttribute("aria-label")).isEqualTo("Delete " + deleted);
		delete.click();
		wait.until(driver -> !shownIds().contains(deleted));
		assertThat(client.get("/api/captures/" + deleted).status()).isEqualTo(404);
		assertThat(text("#status")).isEqualTo(deleted + " is deleted");

		// pages of twelve, newest first; the zip is the page shown
		filter("labelled", "");
		wait.until(driver -> shownIds().equals(ids("")));
		assertThat(browser.findElement(By.id("captures-previous")).isEnabled()).isFalse();
		browser.findElement(By.id("captures-next")).click();
		wait.until(driver -> "1".equals(captures.getDomAttribute("data-page")) && shownIds().equals(ids("page=1&")));
		assertThat(text("#captures-page")).isEqualTo("Page 2: captures 13 to 24, newest first");
		String zip = browser.findElement(By.id("captures-zip")).getDomAttribute("href");
		assertThat(zip).isEqualTo("/api/captures?page=1&size=12&format=zip");
		DigitsClient.Response archive = client.get(zip);
		assertThat(archive.status()).isEqualTo(200);
		assertThat(archive.contentType()).isEqualTo("application/zip");
		browser.findElement(By.id("captures-previous")).click();
		wait.until(driver -> "0".equals(captures.getDomAttribute("data-page")));

		// the Predict card with its correction above the captures
		browser.manage().window().setSize(new Dimension(1000, 2400));
		browser.executeScript("document.querySelector('#predict').scrollIntoView()");
		wait.until(driver -> (Boolean) browser.executeScript("return [...document.querySelectorAll('#capture-list img')]"
				+ ".every(img => img.complete && img.naturalWidth === 28)"));
		HeadlessChromium.screenshot(browser, "captures", browser.findElement(By.id("predict")), captures);
	}

	/** The ids of the captures listed on the page. */
	@SuppressWarnings("unchecked")
	private List<String> shownIds() {
		// read at once, in the page: the list may be redrawn between two calls of the driver
		return (List<String>) browser.executeScript(
				"return [...document.querySelectorAll('#capture-list li')].map(li => li.dataset.id)");
	}

	/** The ids of a page of captures as the API lists them, with these filters ("labelled=false&", say). */
	private List<String> ids(String filters) {
		List<String> ids = new ArrayList<>();
		String page = filters.contains("page=") ? "" : "page=0&";
		client.get("/api/captures?" + filters + page + "size=" + PAGE).json().forEach(c -> ids.add(c.get("id").asString()));
		return ids;
	}

	private void filter(String name, String value) {
		new Select(browser.findElement(By.cssSelector("#capture-filters select[name=" + name + "]"))).selectByValue(value);
	}

	private String text(String selector) {
		return ((String) browser.executeScript("return document.querySelector(arguments[0]).innerText", selector)).strip();
	}

	private static String images(int from, int to) {
		List<String> images = new ArrayList<>();
		for (int i = from; i < to; i++) {
			StringJoiner pixels = new StringJoiner(",", "[", "]");
			Arrays.stream(MnistSamples.pixels(i)).forEach(value -> pixels.add(Integer.toString(value)));
			images.add(pixels.toString());
		}
		return "{\"images\": [" + String.join(",", images) + "]}";
	}

}
