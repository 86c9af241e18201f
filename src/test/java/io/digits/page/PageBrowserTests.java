package io.digits.page;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import io.digits.support.MnistSamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page at / in Debian's headless Chromium against a running service: drawing and uploading digits, a job's live
 * loss chart, activating a model. Each test saves a screenshot under target/screenshots/. Skipped, saying why, only
 * where Chromium and chromium-driver are not installed (.ci/run installs them).
 */
@DigitsServerTest
class PageBrowserTests {

	private static String firstModel;

	@LocalServerPort
	int port;

	DigitsClient client;

	ChromeDriver browser;

	WebDriverWait wait;

	@BeforeEach
	void openThePage() {
		browser = HeadlessChromium.open(port);
		client = new DigitsClient(port);
		if (firstModel == null) {
			firstModel = client.trainModel("{\"trainLimit\": 10000, \"epochs\": 2, \"activate\": true}");
		}
		// whatever another test activated, the drawings and uploads are answered by this model
		assertThat(client.putJson("/api/models/active", "{\"modelId\": \"" + firstModel + "\"}").status()).isEqualTo(200);
		wait = new WebDriverWait(browser, Duration.ofSeconds(60));
		browser.navigate().refresh();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#model-list tbody tr")));
	}

	@AfterEach
	void screenshotAndClose(TestInfo test) throws Exception {
		HeadlessChromium.finish(browser, test, null);
	}

	@Test
	void aDigitDrawnWithThePointerIsClassifiedWithTenProbabilities() {
		WebElement pad = browser.findElement(By.id("pad"));
		browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", pad);
		// a vertical stroke down the middle of the pad: a one
		new Actions(browser).moveToElement(pad, 0, -90)
			.clickAndHold()
			.moveByOffset(2, 45)
			.moveByOffset(2, 45)
			.moveByOffset(2, 45)
			.moveByOffset(2, 45)
			.release()
			.perform();

		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("answer")));
		assertThat(browser.findElements(By.cssSelector("#bars li"))).hasSize(10);
		assertThat(browser.findElement(By.id("answer-digit")).getText()).isEqualTo("1");
		assertThat(browser.findElement(By.cssSelector("#bars li.best span")).getText()).isEqualTo("1");
		assertThat(browser.findElement(By.id("answer-model")).getText()).isEqualTo(client.get("/api/models/active")
			.json()
			.get("id")
			.asString());
	}

	@Test
	void anUploadedMnistImageIsClassifiedAsItsDigit(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
		for (int i : new int[] { 0, 1, 2 }) {
			Path png = Files.write(dir.resolve("digit-" + i + ".png"), MnistSamples.png(MnistSamples.image(i)));

			browser.findElement(By.id("upload")).sendKeys(png.toString());

			String expected = String.valueOf(MnistSamples.label(i));
			wait.until(ExpectedConditions.textToBe(By.id("answer-digit"), expected));
			assertThat(browser.findElements(By.cssSelector("#bars li"))).hasSize(10);
		}
	}

	/** The token lives as long as the tab, unless "remember" is ticked; unticking forgets it on this device (issue 14). */
	@Test
	void theTokenIsKeptPerTabUnlessRemembered() {
		browser.findElement(By.id("token")).sendKeys(DigitsClient.TEST_TOKEN + "\t");
		wait.until(driver -> DigitsClient.TEST_TOKEN.equals(stored("sessionStorage")));
		assertThat(stored("localStorage")).isNull();

		browser.findElement(By.id("remember")).click();
		assertThat(stored("localStorage")).isEqualTo(DigitsClient.TEST_TOKEN);
		browser.navigate().refresh();
		assertThat(browser.findElement(By.id("remember")).isSelected()).isTrue();
		assertThat(browser.findElement(By.id("token")).getDomProperty("value")).isEqualTo(DigitsClient.TEST_TOKEN);

		browser.findElement(By.id("remember")).click();
		assertThat(stored("localStorage")).isNull();
		assertThat(stored("sessionStorage")).isEqualTo(DigitsClient.TEST_TOKEN);
	}

	private Object stored(String storage) {
		return browser.executeScript("return " + storage + ".getItem('digits.token')");
	}

	@Test
	void aJobStartedFromTheFormGrowsItsLossChartLive() {
		browser.findElement(By.id("token")).sendKeys(DigitsClient.TEST_TOKEN);
		WebElement epochs = browser.findElement(By.name("epochs"));
		epochs.clear();
		epochs.sendKeys("3");
		browser.findElement(By.name("trainLimit")).sendKeys("20000");
		WebElement batch = browser.findElement(By.name("batchSize"));
		batch.clear();
		batch.sendKeys("32");
		browser.findElement(By.cssSelector("#train-form button[type=submit]")).click();

		WebElement chart = browser.findElement(By.id("loss-chart"));
		wait.until(driver -> points(chart) >= 5);
		String job = browser.findElement(By.id("job-title")).getText();
		int early = points(chart);
		// the curve grows while the job runs, each epoch's test accuracy joins it, and the job ends with its model listed
		wait.until(ExpectedConditions.textMatches(By.id("job-progress"), java.util.regex.Pattern.compile("^SUCCEEDED")));
		assertThat(points(chart)).isGreaterThan(early);
		assertThat(browser.findElement(By.id("job-engine")).getText()).startsWith("Trained by Digits' fused CPU step: ");
		assertThat(chart.getDomAttribute("data-epochs")).isEqualTo("3");
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#jobs tr[data-id='" + job + "']"),
				"SUCCEEDED"));
		String model = client.get("/api/jobs/" + job).json().get("modelId").asString();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#model-list tr[data-id='" + model + "']")));
	}

	@Test
	void anotherModelIsActivatedAndItsConfusionMatrixShown() {
		String second = client.trainModel("{\"trainLimit\": 5000, \"epochs\": 1}");
		browser.navigate().refresh();
		WebElement row = wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#model-list tr[data-id='" + second + "']")));
		browser.findElement(By.id("token")).sendKeys(DigitsClient.TEST_TOKEN);

		row.findElement(By.cssSelector("button.activate")).click();

		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), second + " is active"));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector("#model-list tr[data-id='" + second + "'] td:nth-child(3)"), "active"));
		assertThat(client.get("/api/models/active").json().get("id").asString()).isEqualTo(second);
		browser.findElement(By.cssSelector("#model-list tr[data-id='" + second + "'] button.link")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("model-detail")));
		// ten rows of ten counts under a header row, and per-class precision and recall for the ten digits
		assertThat(browser.findElements(By.cssSelector("#confusion tr"))).hasSize(11);
		assertThat(browser.findElements(By.cssSelector("#per-class tbody tr"))).hasSize(10);
	}

	@Test
	void onAPhoneScreenTheViewsStackWithoutSidewaysScrolling(@org.junit.jupiter.api.io.TempDir Path dir)
			throws Exception {
		browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
		browser.navigate().refresh();
		assertThat((Long) browser.executeScript("return window.innerWidth")).isLessThanOrEqualTo(390L);
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#model-list tbody tr")));
		browser.findElement(By.cssSelector("#model-list tbody tr button.link")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("model-detail")));
		Path png = Files.write(dir.resolve("digit.png"), MnistSamples.png(MnistSamples.image(0)));
		browser.findElement(By.id("upload")).sendKeys(png.toString());
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("answer")));

		long pageWidth = (Long) browser.executeScript("return document.documentElement.scrollWidth");
		long viewport = (Long) browser.executeScript("return document.documentElement.clientWidth");
		Object overflowing = browser.executeScript("""
				return [...document.querySelectorAll('body *')]
				  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
				  .filter(e => !e.closest('.scroll'))
				  .map(e => e.tagName + (e.id ? '#' + e.id : '') + '(' + Math.round(e.getBoundingClientRect().right) + ')')
				  .slice(0, 10).join(', ')""");
		assertThat(pageWidth).as("page width; wider than the screen: %s", overflowing).isLessThanOrEqualTo(viewport);
		int left = browser.findElement(By.id("train")).getLocation().getX();
		assertThat(browser.findElement(By.id("predict")).getLocation().getX()).isEqualTo(left);
	}

	private static int points(WebElement chart) {
		return Integer.parseInt(chart.getDomAttribute("data-points"));
	}

}
