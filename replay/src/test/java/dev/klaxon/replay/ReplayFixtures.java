package dev.klaxon.replay;

import dev.klaxon.replay.notify.NotificationReplay;
import dev.klaxon.rules.RuleSet;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.LogWindow;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.Severity;
import dev.klaxon.schemas.SpendWindow;
import dev.klaxon.sink.config.SinkConfig;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A small, realistic replay result: three services over 20 minutes, a latency incident, spend. */
public final class ReplayFixtures {

  public static final Instant T0 = Instant.parse("2026-11-30T14:00:00Z");
  static final long MINUTE = 60_000;

  private ReplayFixtures() {}

  public static ReplayResult result() {
    ReplayRange range = new ReplayRange(T0, T0.plus(Duration.ofMinutes(20)), Duration.ofMinutes(1), Duration.ofSeconds(10));
    ReplayRequest request = new ReplayRequest(range, Set.of(), RuleSet.defaults(), SinkConfig.defaults(), false);
    List<RequestWindow> requests = new ArrayList<>();
    List<LogWindow> logs = new ArrayList<>();
    List<SpendWindow> spend = new ArrayList<>();
    for (int m = 0; m < 20; m++) {
      boolean incident = m >= 5 && m < 10;
      for (String service : List.of("search-api", "checkout-api", "llm-gateway")) {
        boolean hit = incident && service.equals("search-api");
        double p95 = hit ? 2400 + 50 * m : 110 + 7 * (m % 4);
        requests.add(window(service, "*", m, 600 + 10 * m, p95, hit ? 48 : 1, 6));
        requests.add(window(service, "GET /" + service.split("-")[0], m, 400, p95 * 1.1, hit ? 40 : 0, 3));
        logs.add(LogWindow.newBuilder().setService(service).setLevel(LogLevel.error).setWindowStart(start(m))
            .setWindowEnd(start(m + 1)).setCount(hit ? 9 : m % 2).build());
      }
      for (String user : List.of("user-007", "user-042", "batch-script")) {
        spend.add(SpendWindow.newBuilder().setUserId(user).setProvider("openai").setGranularity("minute")
            .setWindowStart(start(m)).setWindowEnd(start(m + 1)).setEvents(12)
            .setCostUsd(new BigDecimal(user.equals("batch-script") && m > 12 ? "4.250000000" : "0.031250000")).build());
      }
    }
    List<AlertTransition> transitions = List.of(
        transition(6, 6, "HighP95Latency", Severity.warning, AlertStatus.firing, 2450, 1000),
        transition(7, 6, "HighP95Latency", Severity.critical, AlertStatus.firing, 2650, 2000),
        transition(11, 6, "HighP95Latency", Severity.critical, AlertStatus.resolved, 118, 800),
        transition(7, 7, "ErrorLogs", Severity.critical, AlertStatus.firing, 9, 5),
        transition(10, 7, "ErrorLogs", Severity.critical, AlertStatus.resolved, 1, 5));
    return new ReplayResult(request, "20261130-150000-abcd", 123_456, 120_000, requests, logs, spend, transitions,
        NotificationReplay.simulate(request.routing(), transitions, range.end()), Duration.ofSeconds(3),
        Duration.ofSeconds(4), Duration.ofSeconds(2), Duration.ofSeconds(9));
  }

  static long start(int minute) {
    return T0.toEpochMilli() + minute * MINUTE;
  }

  public static RequestWindow window(String service, String route, int minute, long count, double p95, long errors5xx,
      long errors4xx) {
    return RequestWindow.newBuilder().setService(service).setRoute(route).setWindowStart(start(minute))
        .setWindowEnd(start(minute + 1)).setCount(count).setErrors5xx(errors5xx).setErrors4xx(errors4xx)
        .setErrorRate((double) errors5xx / count).setP50(p95 / 3).setP95(p95).setP99(p95 * 1.4).setMax(p95 * 2)
        .setMean(p95 / 2.5).setHistogram(ByteBuffer.wrap(new byte[0])).build();
  }

  /** A transition of {@code rule} on search-api at minute {@code minute}, the alert firing since {@code firingSince}. */
  static AlertTransition transition(int minute, int firingSince, String rule, Severity severity, AlertStatus status, double value,
      double threshold) {
    long at = start(minute);
    String fingerprint = RuleSet.defaults().require(rule).fingerprint(Map.of("service", "search-api"));
    Alert alert = Alert.newBuilder().setFingerprint(fingerprint).setRule(rule).setSeverity(severity)
        .setStatus(status).setLabels(Map.of("service", "search-api"))
        .setAnnotations(Map.of("summary", "search-api: " + rule + " " + value)).setValue(value).setThreshold(threshold)
        .setStartsAt(start(firingSince)).setEndsAt(status == AlertStatus.resolved ? at : null).build();
    return new AlertTransition(at, alert);
  }
}
