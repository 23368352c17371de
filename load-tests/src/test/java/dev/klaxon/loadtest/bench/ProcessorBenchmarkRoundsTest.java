package dev.klaxon.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The round a multi-round processor benchmark reports: the one with the median steady (c)/(b). */
class ProcessorBenchmarkRoundsTest {

  private static ProcessorBenchmark.Round round(double handWritten, double processor) {
    return round(handWritten, processor, processor);
  }

  private static ProcessorBenchmark.Round round(double handWritten, double overall, double steady) {
    return new ProcessorBenchmark.Round(new BenchKafka.ConsumeRun(handWritten, 1.0),
        new BenchKafka.StreamsRun(overall, steady, 1.0, 2.0));
  }

  @Test
  void theMedianRatioCountsNotTheFastestRound() {
    ProcessorBenchmark.Round slowHost = round(500_000, 200_000); // 0.40
    ProcessorBenchmark.Round fastHost = round(1_000_000, 300_000); // 0.30
    ProcessorBenchmark.Round lucky = round(600_000, 300_000); // 0.50

    assertThat(ProcessorBenchmark.medianByRatio(List.of(lucky, fastHost, slowHost))).isSameAs(slowHost);
    assertThat(ProcessorBenchmark.medianByRatio(List.of(fastHost))).isSameAs(fastHost);
    assertThat(ProcessorBenchmark.medianByRatio(List.of(lucky, fastHost))).as("the upper of two").isSameAs(lucky);
    assertThat(slowHost.cpuRatio()).isEqualTo(0.5);
  }

  @Test
  void theSteadyRateCountsNotTheStartUp() {
    ProcessorBenchmark.Round quickStart = round(1_000_000, 400_000, 420_000); // steady 0.42
    ProcessorBenchmark.Round slowStart = round(1_000_000, 300_000, 480_000); // steady 0.48, overall 0.30
    ProcessorBenchmark.Round fast = round(1_000_000, 500_000, 520_000); // steady 0.52

    assertThat(slowStart.steadyRatio()).isEqualTo(0.48);
    assertThat(slowStart.ratio()).isEqualTo(0.3);
    assertThat(ProcessorBenchmark.medianByRatio(List.of(fast, quickStart, slowStart))).isSameAs(slowStart);
  }

  @Test
  void atLeastOneRound() {
    assertThatThrownBy(() -> new ProcessorBenchmark.Options(1000, 3, null, 1, Duration.ofMillis(200), 1, true, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rounds");
  }
}
