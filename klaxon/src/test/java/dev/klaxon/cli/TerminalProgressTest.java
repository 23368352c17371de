package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

  @Test
  void aLineSaysDoneOfTotalRateAndTimeLeft() {
    assertThat(TerminalProgress.line("copying", 500_000, 2_000_000, 2.0))
        .isEqualTo("copying   500,000 of 2,000,000 (25%)  250,000/s  6s left");
    assertThat(TerminalProgress.line("rules", 1_200, 0, 1.0)).isEqualTo("rules     1,200  1,200/s");
    assertThat(TerminalProgress.line("copying", 10, 10, 0.5)).isEqualTo("copying   10 of 10 (100%)  20/s");
  }

  @Test
  void withoutAConsoleEveryStageIsAPlainLineAndNoCarriageReturnIsWritten() {
    StringWriter out = new StringWriter();
    try (TerminalProgress progress = new TerminalProgress(new PrintWriter(out), false)) {
      progress.stage("copying", 1_000);
      progress.advanced(1_000);
      progress.stage("metrics", 1_000);
    }
    assertThat(out.toString()).doesNotContain("\r").contains("copying: 1,000 records").contains("metrics: 1,000 records");
  }

  @Test
  void onAConsoleTheLineIsRedrawnInPlaceAndEndedAtTheNextStage() {
    StringWriter out = new StringWriter();
    try (TerminalProgress progress = new TerminalProgress(new PrintWriter(out), true)) {
      progress.stage("copying", 1_000);
      progress.advanced(400);
      progress.stage("metrics", 1_000);
    }
    assertThat(out.toString()).startsWith("\rcopying   400 of 1,000 (40%)").endsWith("\n");
  }
}
