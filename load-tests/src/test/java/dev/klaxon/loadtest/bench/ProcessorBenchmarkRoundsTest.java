package dev.klaxon.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The round a multi-round processor benchmark reports: the one with the median (c)/(b). */
class ProcessorBenchmarkRoundsTest {

  private static ProcessorBenchmark.Round round(double handWritten, double processor) {
    return new ProcessorBenchmark.Round(new BenchKafka.ConsumeRun(handWritten, 1.0),
        new BenchKafka.StreamsRun(processor, processor, 1.0, 2.0));
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
  void atLeastOneRound() {
    assertThatThrownBy(() -> new ProcessorBenchmark.Options(1000, 3, null, 1, Duration.ofMillis(200), 1, true, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rounds");
  }
}
