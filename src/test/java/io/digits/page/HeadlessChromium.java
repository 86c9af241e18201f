package io.digits.page;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import static org.assertj.core.api.Assertions.assertThat;

/** Debian's Chromium, headless, driven through its chromium-driver; the browser tests' one way to open the page. */
final class HeadlessChromium {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private HeadlessChromium() {
	}

	/** A browser showing the page, or the test skipped with the reason when Chromium is not installed. */
	static ChromeDriver open(int port) {
		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Chromium is not installed here: apt-get install chromium chromium-driver");
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1800");
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		ChromeDriver browser = new ChromeDriver(
				new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
		browser.get("http://localhost:" + port + "/");
		return browser;
	}

	/** Saves what the browser shows as target/screenshots/{name}.png. */
	static void screenshot(ChromeDriver browser, String name) throws IOException {
		Path screenshots = Files.createDirectories(Path.of("target/screenshots"));
		Files.write(screenshots.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
	}

	/** Saves what one element shows as target/screenshots/{name}.png. */
	static void screenshot(WebElement element, String name) throws IOException {
		Path screenshots = Files.createDirectories(Path.of("target/screenshots"));
		Files.write(screenshots.resolve(name + ".png"), element.getScreenshotAs(OutputType.BYTES));
	}

	/**
	 * Saves the part of the window that holds these elements (the smallest box around them, with a margin) as
	 * target/screenshots/{name}.png: two cards side by side, say. They must be in view.
	 */
	static void screenshot(ChromeDriver browser, String name, WebElement... elements) throws IOException {
		BufferedImage window = ImageIO.read(new ByteArrayInputStream(browser.getScreenshotAs(OutputType.BYTES)));
		double scale = ((Number) browser.executeScript("return window.devicePixelRatio")).doubleValue();
		int left = Integer.MAX_VALUE, top = Integer.MAX_VALUE, right = 0, bottom = 0;
		for (WebElement element : elements) {
			Map<?, ?> box = (Map<?, ?>) browser.executeScript("const r = arguments[0].getBoundingClientRect(); "
					+ "return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}", element);
			left = Math.min(left, (int) Math.floor(((Number) box.get("left")).doubleValue() * scale));
			top = Math.min(top, (int) Math.floor(((Number) box.get("top")).doubleValue() * scale));
			right = Math.max(right, (int) Math.ceil(((Number) box.get("right")).doubleValue() * scale));
			bottom = Math.max(bottom, (int) Math.ceil(((Number) box.get("bottom")).doubleValue() * scale));
		}
		int margin = (int) (12 * scale);
		left = Math.max(0, left - margin);
		top = Math.max(0, top - margin);
		right = Math.min(window.getWidth(), right + margin);
		bottom = Math.min(window.getHeight(), bottom + margin);
		Path screenshots = Files.createDirectories(Path.of("target/screenshots"));
		ImageIO.write(window.getSubimage(left, top, right - left, bottom - top), "png",
				screenshots.resolve(name + ".png").toFile());
	}

	/**
	 * Ends a test's browser: a screenshot named after the test, every console error either expected by the test
	 * ({@code expected}, null when none may appear) or failing it, and the browser closed whatever happens.
	 */
	static void finish(ChromeDriver browser, TestInfo test, Predicate<String> expected) throws IOException {
		if (browser == null) {
			return;
		}
		try {
			screenshot(browser, test.getTestMethod().orElseThrow().getName());
			assertThat(consoleErrors(browser)).as("console errors")
				.allMatch(error -> expected != null && expected.test(error));
		}
		finally {
			browser.quit();
		}
	}

	/** The errors the page's console received since the last call. */
	static List<String> consoleErrors(ChromeDriver browser) {
		return browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.toList();
	}

}
