package dev.klaxon.replay.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.klaxon.replay.ReplayFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The report in a real browser: headless Chromium, driven by Selenium, opens the file offline and
 * must draw every chart (a canvas with pixels on it) without a console error. Skipped, saying why,
 * where Chromium and its driver are not installed ({@code apt-get install chromium chromium-driver}).
 */
@Tag("integration")
class ReportBrowserIntegrationTest {

  static final Path CHROMIUM = Path.of(System.getProperty("klaxon.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("klaxon.chromedriver", "/usr/bin/chromedriver"));

  @TempDir Path dir;

  @Test
  void theReportDrawsItsChartsOfflineWithoutConsoleErrors() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "no headless browser: install Chromium and its driver (apt-get install chromium chromium-driver) to run this test");
    Path report = dir.resolve("report.html");
    Files.writeString(report, ReportFormat.HTML.render(
        ReportBuilder.build(ReplayFixtures.result(), "shipped rules", "shipped routing", 0)));

    ChromeDriver browser = start(dir.resolve("profile"));
    try {
      browser.get(report.toUri().toString());
      List<?> charts = (List<?>) ((JavascriptExecutor) browser).executeScript(
          "return Array.from(document.querySelectorAll('canvas')).map(function (c) {"
              + "  var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, painted = 0;"
              + "  for (var i = 3; i < d.length; i += 4) { if (d[i] !== 0) { painted++; } }"
              + "  return [c.closest('.chart').id, c.width, c.height, painted]; });");
      assertThat(charts).as("charts drawn: [id, width, height, painted pixels]")
          .hasSizeGreaterThanOrEqualTo(7)
          .allSatisfy(chart -> {
            List<?> c = (List<?>) chart;
            assertThat(((Number) c.get(1)).intValue()).as("width of " + c.get(0)).isGreaterThan(300);
            assertThat(((Number) c.get(3)).intValue()).as("painted pixels of " + c.get(0)).isGreaterThan(1000);
          });
      assertThat(charts.stream().map(c -> String.valueOf(((List<?>) c).get(0))).distinct().toList())
          .contains("latency", "rate", "errorRate", "errors", "logs", "timeline", "spend");
      assertThat(browser.findElement(By.id("notifications")).getText()).contains("pagerduty[0]").contains("FIRING");
      assertThat(browser.findElement(By.id("worst")).getText()).contains("search-api");
      assertThat(browser.findElement(By.id("alertSpans")).getText()).as("the timeline's spans, listed")
          .contains("HighP95Latency").contains("pending").contains("fired").contains("condition ended")
          .contains("escalated").contains("resolved");

      List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
          .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue()).toList();
      assertThat(errors).as("browser console errors and warnings").isEmpty();

      Path screenshot = Path.of("target", "replay-report-fixture.png");
      Files.createDirectories(screenshot.getParent());
      Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    } finally {
      browser.quit();
    }
  }

  static ChromeDriver start(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
        "--window-size=1300,2400");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().withTimeout(Duration.ofSeconds(60)).build();
    return new ChromeDriver(service, options);
  }
}
