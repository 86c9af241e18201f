package io.digits.page;

import java.time.Duration;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With reads protected, the page asks for the token, then lists, trains and streams with it. */
@DigitsServerTest
@TestPropertySource(properties = "digits.auth.protect-reads=true")
class ProtectedPageBrowserTests {

	@LocalServerPort
	int port;

	@Test
	void withoutTheTokenThePageSaysSoAndWithItEverythingWorksIncludingTheLiveChart() throws Exception {
		ChromeDriver browser = HeadlessChromium.open(port);
		try {
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Token needed"));

			browser.findElement(By.id("token")).sendKeys(DigitsClient.TEST_TOKEN + "\t");
			wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("select[name=preset] option[value=wide]")));
			WebElement epochs = browser.findElement(By.name("epochs"));
			epochs.clear();
			epochs.sendKeys("2");
			browser.findElement(By.name("trainLimit")).sendKeys("10000");
			browser.findElement(By.cssSelector("#train-form button[type=submit]")).click();

			WebElement chart = browser.findElement(By.id("loss-chart"));
			wait.until(ExpectedConditions.textMatches(By.id("job-progress"), java.util.regex.Pattern.compile("^SUCCEEDED")));
			// every point came through the event stream, which needed the token
			assertThat(Integer.parseInt(chart.getDomAttribute("data-points"))).isGreaterThan(5);
			assertThat(chart.getDomAttribute("data-epochs")).isEqualTo("2");
			HeadlessChromium.screenshot(browser, "protectedReads");
			// the 401s before the token was given are the only console errors
			assertThat(HeadlessChromium.consoleErrors(browser)).allMatch(message -> message.contains("401"));
		}
		finally {
			browser.quit();
		}
	}

}
