package io.digits.page;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The page's run views (issue 16) in Debian's headless Chromium against a running service: a sweep started from the
 * form, followed live; jobs ticked and compared; charts that follow the window's width; a job list that keeps keyboard
 * focus and ticks through its refreshes. Each test saves a screenshot under target/screenshots/.
 */
@DigitsServerTest
class RunViewsBrowserTests {

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
		wait = new WebDriverWait(browser, Duration.ofSeconds(120));
		browser.findElement(By.id("token")).sendKeys(DigitsClient.TEST_TOKEN + "\t");
	}

	@AfterEach
	void screenshotAndClose(TestInfo test) throws Exception {
		HeadlessChromium.finish(browser, test, expectedConsoleError);
	}

	@Test
	void aSweepStartedFromTheFormFillsItsTrialsTableLiveMarksTheBestAndSaysWhyTrialsStopped() throws Exception {
		List<String> before = new ArrayList<>();
		client.get("/api/sweeps?size=100").json().forEach(sweep -> before.add(sweep.get("id").asString()));
		WebElement form = browser.findElement(By.id("sweep-form"));
		fill(form, "maxTrials", "3");
		fill(form, "trainLimit", "2000");
		fill(form, "epochs", "2");
		fill(form, "lrLow", "0.00001");
		fill(form, "lrHigh", "1");
		form.findElement(By.cssSelector("button[type=submit]")).click();

		// the sweep the form started is shown at once, its three trials planned
		wait.until(driver -> {
			String shown = driver.findElement(By.id("sweep-title")).getText();
			return shown.startsWith("sweep-") && !before.contains(shown);
		});
		String id = browser.findElement(By.id("sweep-title")).getText();
		assertThat(client.get("/api/sweeps").json().get(0).get("id").asString()).isEqualTo(id);
		assertThat(browser.findElements(By.cssSelector("#trials tbody tr"))).hasSize(3);
		// and it ends on the page by its event stream alone: the page does not poll a sweep
		wait.until(ExpectedConditions.attributeToBe(By.id("sweep-detail"), "data-state", "SUCCEEDED"));
		JsonNode sweep = client.awaitSweep(id, Duration.ofMinutes(2));
		assertThat(Integer.parseInt(browser.findElement(By.id("sweep-detail")).getDomAttribute("data-events")))
			.as("events received").isGreaterThanOrEqualTo(2);

		List<JsonNode> trials = new ArrayList<>();
		sweep.get("trials").forEach(trials::add);
		for (JsonNode trial : trials) {
			WebElement row = trialRow(trial.get("index").asInt());
			assertThat(row.getDomAttribute("data-state")).isEqualTo(trial.get("state").asString());
			if (trial.get("state").asString().equals("STOPPED_EARLY")) {
				assertThat(row.findElement(By.cssSelector("td.why summary")).getText()).startsWith("ASHA, epoch 1: ");
			}
		}
		// the best trial: marked with a word and a star, not by its colour alone
		int best = sweep.get("best").get("index").asInt();
		List<WebElement> marked = browser.findElements(By.cssSelector("#trials tbody tr.best"));
		assertThat(marked).hasSize(1);
		assertThat(marked.get(0).getDomAttribute("data-id")).isEqualTo(String.valueOf(best));
		assertThat(marked.get(0).findElement(By.cssSelector(".best-mark")).getText()).isEqualToIgnoringCase("best");
		assertThat(browser.findElement(By.id("sweep-best")).getText()).contains("trial #" + best);

		// the chart: one point per trial with an objective, stopped trials drawn apart (a cross) and counted
		long withObjective = trials.stream().filter(t -> !t.get("objective").isNull()).count();
		long stopped = trials.stream().filter(t -> t.get("state").asString().equals("STOPPED_EARLY")).count();
		assertThat(stopped).as("ASHA stops two of three trials after their first epoch").isEqualTo(2);
		WebElement chart = browser.findElement(By.id("sweep-chart"));
		assertThat(chart.getDomAttribute("data-points")).isEqualTo(String.valueOf(withObjective));
		assertThat(chart.getDomAttribute("data-stopped")).isEqualTo(String.valueOf(stopped));
		assertThat(browser.findElement(By.id("sweep-chart-legend")).getText()).contains("best (1)")
			.contains("stopped early (2)");

		// sorted by the objective with the keyboard: Enter on the header's button, then again for the other way
		WebElement objectiveHeader = browser.findElement(By.cssSelector("#trials th[data-key=objective]"));
		WebElement sortButton = objectiveHeader.findElement(By.tagName("button"));
		sortButton.sendKeys(Keys.ENTER);
		assertThat(objectiveHeader.getDomAttribute("aria-sort")).isEqualTo("ascending");
		List<String> ascending = trials.stream()
			.sorted(Comparator.comparingDouble(t -> t.get("objective").asDouble()))
			.map(t -> t.get("index").asString())
			.toList();
		assertThat(rowOrder()).isEqualTo(ascending);
		sortButton.sendKeys(Keys.ENTER);
		assertThat(objectiveHeader.getDomAttribute("aria-sort")).isEqualTo("descending");
		List<String> descending = new ArrayList<>(ascending);
		java.util.Collections.reverse(descending);
		assertThat(rowOrder()).isEqualTo(descending);
		assertThat(browser.switchTo().activeElement()).as("focus stays on the header").isEqualTo(sortButton);
		HeadlessChromium.screenshot(browser.findElement(By.id("sweeps")), "sweeps");

		// a stopped trial's job says why it stopped, and its best epoch
		JsonNode stoppedTrial = trials.stream()
			.filter(t -> t.get("state").asString().equals("STOPPED_EARLY"))
			.findFirst()
			.orElseThrow();
		trialRow(stoppedTrial.get("index").asInt()).findElement(By.cssSelector("td.index button.link")).click();
		wait.until(ExpectedConditions.textToBe(By.id("job-title"), stoppedTrial.get("jobId").asString()));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-stop"), "Stopped in epoch 1 by the sweep's ASHA rule: "));
		assertThat(browser.findElement(By.id("job-state")).getText()).isEqualToIgnoringCase("STOPPED EARLY");
		assertThat(browser.findElement(By.id("job-best")).getText()).startsWith("Best epoch: 1 ");
		assertThat(browser.findElement(By.id("job-trial")).getText()).isEqualTo("Trial #" + stoppedTrial.get("index").asInt()
				+ " of " + id);
	}

	@Test
	void jobsTickedInTheListAreComparedOnOneChartBesideTheHyperparametersTheyDifferIn() throws Exception {
		String slow = queueJob("{\"trainLimit\": 2000, \"epochs\": 2, \"learningRate\": 0.0005}");
		String fast = queueJob("{\"trainLimit\": 2000, \"epochs\": 2, \"learningRate\": 0.005}");
		client.awaitJob(slow, Duration.ofMinutes(2));
		client.awaitJob(fast, Duration.ofMinutes(2));
		browser.navigate().refresh();
		WebElement compare = browser.findElement(By.id("compare-button"));
		assertThat(compare.isEnabled()).isFalse();
		// ticked with the keyboard
		tick(slow);
		assertThat(compare.isEnabled()).as("one job is not a comparison").isFalse();
		tick(fast);
		assertThat(compare.isEnabled()).isTrue();
		assertThat(compare.getText()).isEqualTo("Compare 2 jobs");

		boolean served = client.get("/api/jobs/compare?ids=" + slow + "," + fast).status() == 200;
		if (!served) {
			// the 404 of the missing endpoint reaches the console
			expectedConsoleError = error -> error.contains("/api/jobs/compare") && error.contains("404");
		}
		compare.click();
		if (!served) {
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("compare-message")));
			assertThat(browser.findElement(By.id("compare-message")).getText()).contains("GET /api/jobs/compare");
			Assumptions.abort("GET /api/jobs/compare is not on this branch yet: the chart and the table of differing "
					+ "hyperparameters were not tested; the ticking, and what the page says without it, were");
		}
		WebElement chart = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#compare-chart canvas")));
		assertThat(browser.findElement(By.id("compare-chart")).getDomAttribute("data-jobs")).isEqualTo("2");
		assertThat(browser.findElement(By.id("compare-chart")).getDomAttribute("data-epochs")).isEqualTo("2");
		assertThat(chart.getSize().getWidth()).isGreaterThan(200);
		WebElement rate = browser.findElement(By.cssSelector("#compare-differing tr[data-parameter=learningRate]"));
		assertThat(rate.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
			.containsExactlyInAnyOrder("5e-4", "0.005");
		assertThat(browser.findElements(By.cssSelector("#compare-differing tr[data-parameter=batchSize]"))).isEmpty();
		assertThat(browser.findElements(By.cssSelector("#compare-legend tbody tr"))).hasSize(2);
		assertThat(browser.findElement(By.id("compare-legend")).getText()).contains(slow).contains(fast);
		HeadlessChromium.screenshot(browser.findElement(By.id("compare")), "compare");
		assertFollowsTheWindow("#compare-chart");
	}

	@Test
	void chartsFollowTheWidthOfTheWindow() {
		String job = queueJob("{\"trainLimit\": 2000, \"epochs\": 1}");
		client.awaitJob(job, Duration.ofMinutes(2));
		browser.navigate().refresh();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#jobs tr[data-id='" + job + "'] button.link")))
			.click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#loss-chart canvas")));

		assertFollowsTheWindow("#loss-chart");
	}

	/** The chart in {@code selector} is as wide as its box, narrows with the window, and widens again. */
	private void assertFollowsTheWindow(String selector) {
		browser.manage().window().setSize(new Dimension(1280, 1800));
		wait.until(driver -> Math.abs(canvasWidth(selector) - boxWidth(selector)) <= 2);
		double wide = canvasWidth(selector);

		browser.manage().window().setSize(new Dimension(600, 1800));
		wait.until(driver -> canvasWidth(selector) < wide - 100);
		wait.until(driver -> Math.abs(canvasWidth(selector) - boxWidth(selector)) <= 2);
		assertThat(canvasWidth(selector)).isCloseTo(boxWidth(selector), within(2.0));

		browser.manage().window().setSize(new Dimension(1280, 1800));
		wait.until(driver -> Math.abs(canvasWidth(selector) - wide) <= 2);
	}

	private double canvasWidth(String selector) {
		return ((Number) browser.executeScript(
				"return document.querySelector(arguments[0] + ' canvas').getBoundingClientRect().width", selector))
			.doubleValue();
	}

	private double boxWidth(String selector) {
		return ((Number) browser.executeScript("return document.querySelector(arguments[0]).clientWidth", selector))
			.doubleValue();
	}

	@Test
	void theJobListKeepsKeyboardFocusAndTickedBoxesWhenItRefreshes() {
		String first = queueJob("{\"trainLimit\": 1000, \"epochs\": 1}");
		client.awaitJob(first, Duration.ofMinutes(2));
		browser.navigate().refresh();
		WebElement box = tick(first);
		assertThat(browser.switchTo().activeElement()).isEqualTo(box);

		// a new job joins the list at its next refresh (every 5 s): the row, its box and the focus stay
		String second = queueJob("{\"trainLimit\": 1000, \"epochs\": 1}");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#jobs tr[data-id='" + second + "']")));
		assertThat(browser.findElement(By.cssSelector("#jobs tbody tr")).getDomAttribute("data-id")).isEqualTo(second);
		assertThat(browser.switchTo().activeElement()).as("focus after the refresh").isEqualTo(box);
		assertThat(box.isSelected()).isTrue();
		// and the state the refresh brought is there, in the same row
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#jobs tr[data-id='" + second + "']"),
				"SUCCEEDED"));
		assertThat(browser.switchTo().activeElement()).isEqualTo(box);
		assertThat(browser.findElement(By.id("ticked")).getText()).isEqualTo("1 job ticked: tick one more");

		box.sendKeys(Keys.SPACE);
		assertThat(box.isSelected()).isFalse();
		assertThat(browser.findElement(By.id("ticked")).getText()).isEqualTo("Tick two or more jobs to compare them");
	}

	/** Ticks a job's box in the list with the keyboard (focus, then Space), and answers the box. */
	private WebElement tick(String job) {
		WebElement box = wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#jobs tr[data-id='" + job + "'] input.tick")));
		browser.executeScript("arguments[0].focus()", box);
		box.sendKeys(Keys.SPACE);
		assertThat(box.isSelected()).isTrue();
		return box;
	}

	private String queueJob(String request) {
		DigitsClient.Response accepted = client.postJson("/api/jobs", request);
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		return accepted.json().get("id").asString();
	}

	private static void fill(WebElement form, String name, String value) {
		WebElement field = form.findElement(By.name(name));
		field.clear();
		field.sendKeys(value);
	}

	private WebElement trialRow(int index) {
		return browser.findElement(By.cssSelector("#trials tbody tr[data-id='" + index + "']"));
	}

	private List<String> rowOrder() {
		return browser.findElements(By.cssSelector("#trials tbody tr"))
			.stream()
			.map(row -> row.getDomAttribute("data-id"))
			.toList();
	}

}
