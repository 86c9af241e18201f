package io.digits.page;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

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
