package io.digits.page;

import java.awt.image.BufferedImage;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17 on the page, in Debian's headless Chromium against a running service: a drawing answered with its heat map
 * and its legend, the answer's flags in words, and the drift panel of the active model, which counts the answers as
 * they come (the page's own, after each, and other clients', every few seconds). Each test saves a screenshot under
 * target/screenshots/; the first also saves trust.png, the Models and Predict cards side by side (docs/page-trust.png).
 */
@DigitsServerTest
class TrustPageBrowserTests {

	private static final int WINDOW = 200;

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
		browser = HeadlessChromium.open(port);
		client = new DigitsClient(port);
		if (model == null) {
			model = client.trainModel("{\"trainLimit\": 10000, \"epochs\": 2, \"activate\": true}");
		}
		assertThat(client.putJson("/api/models/active", "{\"modelId\": \"" + model + "\"}").status()).isEqualTo(200);
		wait = new WebDriverWait(browser, Duration.ofSeconds(60));
		browser.navigate().refresh();
		// the drift panel follows the active model
		wait.until(driver -> model.equals(text("#drift-model")));
	}

	@AfterEach
	void screenshotAndClose(TestInfo test) throws Exception {
		HeadlessChromium.finish(browser, test, expectedConsoleError);
	}

	@Test
	void aDrawingIsAnsweredWithItsHeatMapAndTheDriftPanelCountsTheAnswersAsTheyCome() throws Exception {
		int before = count();
		// forty test digits from another client: the panel takes them in with its refresh, every few seconds
		assertThat(client.postJson("/api/predictions", images(0, 40)).status()).isEqualTo(200);
		wait.until(driver -> count() == Math.min(WINDOW, before + 40));
		assertThat(text("#drift-count")).isEqualTo(count() + " / " + WINDOW);
		assertThat(browser.findElements(By.cssSelector("#drift-classes tbody tr"))).hasSize(10);
		// each digit's share written out, the test set's beside it, and drawn as a line across the bar
		WebElement three = browser.findElement(By.cssSelector("#drift-classes tr[data-digit='3']"));
		assertThat(three.findElements(By.tagName("td")).get(2).getText()).matches("\\d+\\.\\d%");
		assertThat(three.findElements(By.tagName("td")).get(3).getText()).matches("\\d+\\.\\d%");
		assertThat(three.findElements(By.cssSelector(".track .reference"))).hasSize(1);
		// the score with its reading in words, never its colour alone
		String reading = browser.findElement(By.id("drift")).getDomAttribute("data-reading");
		assertThat(reading).isIn("ok", "some", "large");
		assertThat(text("#drift-score")).matches("\\d+\\.\\d+\\s+(no shift \\(below 0\\.1\\)|some shift \\(0\\.1 to 0\\.25\\)"
				+ "|large shift \\(above 0\\.25\\))");
		assertThat(text("#drift-confidence")).matches("\\d+\\.\\d+%");

		int afterOthers = count();
		WebElement pad = browser.findElement(By.id("pad"));
		browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", pad);
		// a seven: a bar across the top, then down to the left
		new Actions(browser).moveToElement(pad, -70, -80)
			.clickAndHold()
			.moveByOffset(70, 0)
			.moveByOffset(70, 0)
			.moveByOffset(-30, 60)
			.moveByOffset(-30, 60)
			.moveByOffset(-20, 50)
			.release()
			.perform();

		WebElement heatMap = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("heatmap-image")));
		assertThat(heatMap.getDomAttribute("src")).startsWith("data:image/png;base64,").hasSizeGreaterThan(100);
		assertThat((Boolean) browser.executeScript("return arguments[0].complete && arguments[0].naturalWidth === 112",
				heatMap)).as("the 112x112 overlay decoded").isTrue();
		assertThat(heatMap.getCssValue("image-rendering")).isEqualTo("pixelated");
		assertThat(heatMap.getSize().getWidth()).as("scaled up").isGreaterThan(112);
		String digit = text("#answer-digit");
		assertThat(digit).matches("\\d");
		assertThat(text("#heatmap-legend")).isEqualTo("orange: pixels that made it say " + digit + "; blue: pixels against");
		assertThat(heatMap.getDomAttribute("alt")).contains("made it say " + digit);
		assertThat(browser.findElements(By.cssSelector("#answer-flags li"))).isNotEmpty();
		// the page's own answer is counted at once, not at the next refresh
		new WebDriverWait(browser, Duration.ofSeconds(4)).until(driver -> count() == Math.min(WINDOW, afterOthers + 1));

		browser.executeScript("document.querySelector('#models').scrollIntoView()");
		HeadlessChromium.screenshot(browser, "trust", browser.findElement(By.id("models")),
				browser.findElement(By.id("predict")));
	}

	@Test
	void aDotABlankUploadAndAnImageWithoutInkAreFlaggedInWords(@TempDir Path dir) throws Exception {
		WebElement pad = browser.findElement(By.id("pad"));
		browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", pad);
		// a tap: a round dot, which MNIST's preparation blows up to a disc the size of a digit
		new Actions(browser).moveToElement(pad).click().perform();
		wait.until(driver -> flags().contains("off-distribution"));
		assertThat(flagWords()).contains("This doesn't look like a digit the model has seen");
		assertWordsFor(flags());

		// one lit pixel in a 28x28 image: taken as MNIST-prepared, with almost no ink
		BufferedImage pixel = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
		pixel.getRaster().setSample(14, 14, 0, 255);
		browser.findElement(By.id("upload")).sendKeys(Files.write(dir.resolve("pixel.png"), MnistSamples.png(pixel))
			.toString());
		wait.until(driver -> flags().contains("blank"));
		assertThat(flagWords()).startsWith("Nothing drawn");
		assertWordsFor(flags());
		HeadlessChromium.screenshot(browser.findElement(By.id("predict")), "trustFlags");

		// an image with no ink at all: refused by the service (400, in the console), said on the page as a flag
		expectedConsoleError = error -> error.contains("/api/predictions") && error.contains("400");
		BufferedImage black = new BufferedImage(280, 280, BufferedImage.TYPE_INT_RGB);
		browser.findElement(By.id("upload")).sendKeys(Files.write(dir.resolve("black.png"), MnistSamples.png(black))
			.toString());
		wait.until(driver -> flags().equals(List.of("blank")) && !browser.findElement(By.id("answer-line")).isDisplayed());
		assertThat(flagWords()).isEqualTo("Nothing drawn");
		assertThat(text("#answer-note")).contains("has no ink");
		assertThat(text("#status")).as("not an error of the page").isEmpty();
		assertThat(browser.findElement(By.id("heatmap-image")).isDisplayed()).isFalse();
		assertThat(text("#heatmap-empty")).isEqualTo("Nothing drawn: no heat map.");
	}

	/** Each flag the service gave is said in its words, with an icon, and the runner-up named when it is close. */
	private void assertWordsFor(List<String> flags) {
		List<WebElement> items = browser.findElements(By.cssSelector("#answer-flags li"));
		assertThat(items).hasSize(flags.size());
		for (WebElement item : items) {
			String words = item.getText();
			assertThat(item.findElements(By.cssSelector("svg.icon"))).hasSize(1);
			switch (item.getDomAttribute("data-flag")) {
				case "blank" -> assertThat(words).isEqualTo("Nothing drawn");
				case "off-distribution" -> assertThat(words).isEqualTo("This doesn't look like a digit the model has seen");
				case "low-confidence" -> assertThat(words).matches("The model isn't sure \\(confidence \\d{1,2}%\\)");
				case "ambiguous" -> assertThat(words).matches("It could also be a \\d \\(\\d{1,2}%\\)")
					.doesNotContain("be a " + text("#answer-digit") + " ");
				default -> throw new AssertionError("a flag the page does not say in words: " + words);
			}
		}
	}

	private List<String> flags() {
		String flags = browser.findElement(By.id("answer-flags")).getDomAttribute("data-flags");
		return flags == null || flags.isBlank() ? List.of() : Arrays.asList(flags.split(" "));
	}

	private String flagWords() {
		return text("#answer-flags");
	}

	private int count() {
		return Integer.parseInt(browser.findElement(By.id("drift")).getDomAttribute("data-count"));
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
