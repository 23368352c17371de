package dev.klaxon.processor;

import static dev.klaxon.processor.TopologyFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.klaxon.processor.internal.RequestAggregate;
import dev.klaxon.processor.internal.RequestWindowAggregation;
import dev.klaxon.processor.internal.WindowAggregateStore;
import dev.klaxon.processor.internal.WindowKey;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.registry.SchemaRegistryClient;
import dev.klaxon.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestMetricsTopologyTest {

  private TopologyFixture fixture = new TopologyFixture(TopologyFixture.oneMinuteWindows());

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void windowIsEmittedOnlyWhenStreamTimePassesEndPlusGrace() {
    fixture.request("api", "GET /a", 200, 10, at("0S"));
    fixture.request("api", "GET /a", 200, 20, at("59.999S"));
    fixture.request("api", "GET /a", 200, 30, at("69.999S")); // next window; 1 ms short of end + grace

    assertThat(fixture.requestWindows.isEmpty()).isTrue();

    fixture.request("api", "GET /a", 200, 40, at("70S")); // stream time reaches end + grace
    List<RequestWindow> windows = fixture.requestWindows.readValuesToList();

    assertThat(windows).extracting(RequestWindow::getRoute).containsExactlyInAnyOrder("GET /a", "*");
    RequestWindow route = windows.stream().filter(w -> w.getRoute().equals("GET /a")).findFirst().orElseThrow();
    assertThat(route.getWindowStart()).isEqualTo(at("0S"));
    assertThat(route.getWindowEnd()).isEqualTo(at("60S"));
    assertThat(route.getCount()).isEqualTo(2); // 59.999 is in, 60.000+ is not
    assertThat(route.getMax()).isEqualTo(20.0);
    assertThat(route.getMean()).isEqualTo(15.0);
  }

  @Test
  void eventsWithinGraceCountAndLaterOnesAreDroppedAndCounted() {
    fixture.request("api", "GET /a", 200, 10, at("30S"));
    fixture.request("api", "GET /a", 200, 10, at("65S"));
    fixture.request("api", "GET /a", 200, 10, at("59S")); // late but within grace: counted
    fixture.request("api", "GET /a", 200, 10, at("70S")); // closes [0, 60)
    fixture.request("api", "GET /a", 200, 10, at("45S")); // after close: late, dropped

    assertThat(fixture.metric("late-events")).isEqualTo(1.0);
    fixture.request("api", "GET /a", 200, 10, at("200S")); // closes [60, 120)

    Map<Long, Long> countsByStart = fixture.requestWindows.readValuesToList().stream()
        .filter(w -> w.getRoute().equals("GET /a"))
        .collect(Collectors.toMap(RequestWindow::getWindowStart, RequestWindow::getCount));
    assertThat(countsByStart).containsExactlyInAnyOrderEntriesOf(Map.of(at("0S"), 2L, at("60S"), 2L));
  }

  @Test
  void eachWindowIsEmittedExactlyOnce() {
    for (int second = 0; second < 300; second += 5) {
      fixture.request("api", "GET /a", 200, 10, at(second + "S"));
    }
    List<KeyValue<String, RequestWindow>> records = fixture.requestWindows.readKeyValuesToList();

    assertThat(records).hasSize(8); // windows 0-3 closed (stream time 295 s), two series each
    assertThat(records).extracting(kv -> kv.key).doesNotHaveDuplicates();
    assertThat(records).allSatisfy(kv -> assertThat(kv.value.getCount()).isEqualTo(12));
    assertThat(records).extracting(kv -> kv.key)
        .contains("api|GET /a|2026-11-23T10:00:00Z/PT1M", "api|*|2026-11-23T10:00:00Z/PT1M");
  }

  @Test
  void routesHaveTheirOwnSeriesAndTheServiceSeriesSumsThem() {
    fixture.request("api", "GET /a", 200, 10, at("1S"));
    fixture.request("api", "GET /a", 200, 30, at("2S"));
    fixture.request("api", "POST /b", 200, 1000, at("3S"));
    fixture.request("web", "GET /", 200, 5, at("4S"));
    fixture.request("api", "GET /a", 200, 10, at("90S"));

    Map<String, RequestWindow> bySeries = fixture.requestWindows.readValuesToList().stream()
        .collect(Collectors.toMap(w -> w.getService() + " " + w.getRoute(), Function.identity()));

    assertThat(bySeries).containsOnlyKeys("api GET /a", "api POST /b", "api *", "web GET /", "web *");
    assertThat(bySeries.get("api GET /a").getCount()).isEqualTo(2);
    assertThat(bySeries.get("api POST /b").getCount()).isEqualTo(1);
    assertThat(bySeries.get("api *").getCount()).isEqualTo(3);
    assertThat(bySeries.get("api *").getMax()).isEqualTo(1000.0);
    assertThat(bySeries.get("web *").getCount()).isEqualTo(1);
  }

  @Test
  void theServiceSeriesHoldsExactlyWhatOneSeriesOfAllItsRequestsWouldHold() {
    // Derived from the routes' windows when read (issue 13), so compare with the requests themselves.
    Random random = new Random(17);
    Histogram all = LatencyHistogram.create();
    long count = 0;
    long errors = 0;
    double sum = 0;
    double max = 0;
    for (int i = 0; i < 3_000; i++) {
      String route = "GET /r" + random.nextInt(7);
      double durationMs = Math.exp(Math.log(40 + 100 * random.nextInt(3)) + 0.8 * random.nextGaussian());
      int status = random.nextInt(20) == 0 ? 503 : 200;
      fixture.request("api", route, status, durationMs, at("1S") + random.nextInt(58_000));
      LatencyHistogram.recordMillis(all, durationMs);
      count++;
      errors += status >= 500 ? 1 : 0;
      sum += durationMs;
      max = Math.max(max, durationMs);
    }
    fixture.request("web", "GET /", 200, 1, at("75S"));

    RequestWindow service = fixture.requestWindows.readValuesToList().stream()
        .filter(w -> w.getService().equals("api") && w.getRoute().equals("*")).findFirst().orElseThrow();
    assertThat(service.getCount()).isEqualTo(count);
    assertThat(service.getErrors5xx()).isEqualTo(errors);
    assertThat(service.getMax()).isEqualTo(max);
    assertThat(service.getMean()).isCloseTo(sum / count, within(1e-9));
    assertThat(service.getP50()).isEqualTo(LatencyHistogram.quantileMillis(all, 0.50));
    assertThat(service.getP95()).isEqualTo(LatencyHistogram.quantileMillis(all, 0.95));
    assertThat(service.getP99()).isEqualTo(LatencyHistogram.quantileMillis(all, 0.99));
    assertThat(LatencyHistogram.decode(service.getHistogram().array())).isEqualTo(all);
  }

  @Test
  void errorRateIsFiveHundredsOverAllRequestsWithFourHundredsApart() {
    for (int i = 0; i < 100; i++) {
      int status = i < 3 ? 503 : i < 5 ? 404 : i < 6 ? 599 : 200;
      fixture.request("api", "GET /a", status, 10, TopologyFixture.atMillis(i * 100L));
    }
    fixture.request("api", "GET /a", 200, 10, at("75S"));

    RequestWindow window = fixture.requestWindows.readValuesToList().get(0);
    assertThat(window.getCount()).isEqualTo(100);
    assertThat(window.getErrors5xx()).isEqualTo(4);
    assertThat(window.getErrors4xx()).isEqualTo(2);
    assertThat(window.getErrorRate()).isEqualTo(0.04);
  }

  @Test
  void quantilesAndHistogramDescribeTheWindowsLatencies() {
    for (int ms = 1; ms <= 1000; ms++) {
      fixture.request("api", "GET /a", 200, ms, at("1S"));
    }
    fixture.request("api", "GET /a", 200, 1, at("75S"));

    RequestWindow window = fixture.requestWindows.readValuesToList().get(0);
    assertThat(window.getP50()).isCloseTo(500.0, within(0.5));
    assertThat(window.getP95()).isCloseTo(950.0, within(0.95));
    assertThat(window.getP99()).isCloseTo(990.0, within(0.99));
    assertThat(window.getMean()).isEqualTo(500.5);
    Histogram histogram = LatencyHistogram.decode(window.getHistogram().array());
    assertThat(histogram.getTotalCount()).isEqualTo(1000);
  }

  @Test
  void everyConfiguredWindowSizeGetsItsOwnWindows() {
    fixture.close();
    fixture = new TopologyFixture(TopologyFixture.oneMinuteWindows()
        .withWindows(List.of(Duration.ofMinutes(1), Duration.ofMinutes(5)), Duration.ofSeconds(10)));
    for (int minute = 0; minute < 6; minute++) {
      fixture.request("api", "GET /a", 200, 10, at(minute + "M"));
    }
    fixture.request("api", "GET /a", 200, 10, at("5M11S"));

    List<RequestWindow> fiveMinute = fixture.requestWindows.readValuesToList().stream()
        .filter(w -> w.getWindowEnd() - w.getWindowStart() == 300_000).toList();
    assertThat(fiveMinute).hasSize(2);
    assertThat(fiveMinute).allSatisfy(w -> assertThat(w.getCount()).isEqualTo(5));
  }

  @Test
  void idlePartitionClosesItsWindowsByWallClock() {
    fixture.request("api", "GET /a", 200, 10, at("5S"));
    fixture.passWallClock(Duration.ofSeconds(69));
    assertThat(fixture.requestWindows.isEmpty()).isTrue();

    fixture.passWallClock(Duration.ofSeconds(2)); // wall clock past end + grace, idle > 10 s
    List<RequestWindow> windows = fixture.requestWindows.readValuesToList();
    assertThat(windows).hasSize(2).allSatisfy(w -> assertThat(w.getCount()).isEqualTo(1));

    fixture.request("api", "GET /a", 200, 10, at("50S")); // its window is closed now: late
    assertThat(fixture.metric("late-events")).isEqualTo(1.0);
  }

  @Test
  void aRestartedTaskWaitsForItsBacklogBeforeClosingRestoredWindowsByWallClock() {
    // As after a restart: the store holds an open window, and the task has processed nothing yet.
    @SuppressWarnings("unchecked")
    WindowAggregateStore<RequestAggregate> store =
        (WindowAggregateStore<RequestAggregate>) fixture.driver.getStateStore("requests-window-store");
    RequestWindowAggregation aggregation = new RequestWindowAggregation();
    RequestAggregate restored = aggregation.newAggregate();
    aggregation.add(restored, RequestEvent.newBuilder().setService("api").setRoute("GET /a").setStatus(200)
        .setDurationMs(10).setTimestamp(at("-115S")).build());
    store.put(new WindowKey("api|GET /a", 60_000, at("-120S")), restored); // its end + grace is 50 s ago

    fixture.passWallClock(Duration.ofSeconds(29)); // longer than idleClose, but no fetch yet
    assertThat(fixture.requestWindows.isEmpty()).isTrue();

    fixture.request("api", "GET /a", 200, 10, at("-114S")); // the backlog arrives and counts
    fixture.passWallClock(Duration.ofSeconds(11)); // now idle after processing
    assertThat(fixture.requestWindows.readValuesToList()).extracting(RequestWindow::getCount).contains(2L);
  }

  @Test
  void undecodableAndInvalidRecordsGoToTheDeadLetterTopicAndProcessingGoesOn() {
    fixture.requests.pipeInput("api", "{not avro".getBytes(), at("1S"));
    fixture.request("api", "GET /a", 700, 10, at("2S"));
    fixture.request("api", "GET /a", 200, 10, at("3S"));
    fixture.request("api", "GET /a", 200, 10, at("80S"));

    var dead = fixture.deadLetters.readRecordsToList();
    assertThat(dead).hasSize(2);
    assertThat(header(dead.get(0), "klaxon.error")).contains("not a Klaxon RequestEvent");
    assertThat(header(dead.get(0), "klaxon.source.topic")).isEqualTo("klaxon.requests");
    assertThat(header(dead.get(0), "klaxon.source.partition")).isEqualTo("0");
    assertThat(header(dead.get(0), "klaxon.source.offset")).isEqualTo("0");
    assertThat(new String(dead.get(0).value())).isEqualTo("{not avro");
    assertThat(header(dead.get(1), "klaxon.error")).isEqualTo("status must be between 100 and 599, got 700");
    assertThat(header(dead.get(1), "klaxon.source.offset")).isEqualTo("1");
    assertThat(fixture.metric("dead-letters")).isEqualTo(2.0);
    assertThat(fixture.requestWindows.readValuesToList()).extracting(RequestWindow::getCount).containsOnly(1L);
  }

  @Test
  void anUnreachableSchemaRegistryStopsProcessingInsteadOfDeadLetteringGoodRecords() {
    fixture.close();
    SchemaRegistryClient unreachable = SchemaRegistryClient.builder("http://127.0.0.1:1")
        .connectTimeout(Duration.ofMillis(200)).build();
    fixture = new TopologyFixture(TopologyFixture.oneMinuteWindows(), AvroSerdes.registry(unreachable));
    byte[] confluentFormat = {0, 0, 0, 0, 7, 2, 'a'}; // magic byte, schema id 7, Avro body

    assertThatThrownBy(() -> fixture.requests.pipeInput("api", confluentFormat, at("1S")))
        .hasStackTraceContaining("SchemaRegistryException");
    assertThat(fixture.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void authFailuresCount401And403AndStayPartOfTheFourHundreds() {
    fixture.request("api", "POST /login", 401, 10, at("1S"));
    fixture.request("api", "POST /login", 401, 10, at("2S"));
    fixture.request("api", "GET /admin", 403, 10, at("3S"));
    fixture.request("api", "GET /admin", 404, 10, at("4S"));
    fixture.request("api", "GET /admin", 407, 10, at("5S"));
    fixture.request("api", "GET /admin", 200, 10, at("6S"));
    fixture.request("api", "GET /admin", 200, 10, at("75S"));

    Map<String, RequestWindow> byRoute = fixture.requestWindows.readValuesToList().stream()
        .collect(Collectors.toMap(RequestWindow::getRoute, Function.identity()));
    assertThat(byRoute.get("POST /login").getAuthFailures()).isEqualTo(2);
    assertThat(byRoute.get("GET /admin").getAuthFailures()).isEqualTo(1);
    assertThat(byRoute.get("*").getAuthFailures()).isEqualTo(3);
    assertThat(byRoute.get("*").getErrors4xx()).isEqualTo(5);
    assertThat(byRoute.get("*").getErrors5xx()).isZero();
  }

  @Test
  void eventsWithAnEnvironmentFormTheirOwnSeriesPerEnvironment() {
    fixture.request("api", "GET /a", 200, 10, at("1S"), "production");
    fixture.request("api", "GET /a", 200, 20, at("2S"), "production");
    fixture.request("api", "GET /a", 500, 30, at("3S"), "staging");
    fixture.request("api", "GET /a", 200, 40, at("4S"));
    fixture.request("api", "GET /a", 200, 40, at("5S"), "");
    fixture.request("api", "GET /a", 200, 10, at("75S"));

    Map<String, RequestWindow> byKey = fixture.requestWindows.readKeyValuesToList().stream()
        .collect(Collectors.toMap(kv -> kv.key, kv -> kv.value));
    assertThat(byKey).containsOnlyKeys(
        "api|GET /a|2026-11-23T10:00:00Z/PT1M", "api|*|2026-11-23T10:00:00Z/PT1M",
        "api|GET /a|2026-11-23T10:00:00Z/PT1M|environment=production",
        "api|*|2026-11-23T10:00:00Z/PT1M|environment=production",
        "api|GET /a|2026-11-23T10:00:00Z/PT1M|environment=staging",
        "api|*|2026-11-23T10:00:00Z/PT1M|environment=staging");
    RequestWindow production = byKey.get("api|*|2026-11-23T10:00:00Z/PT1M|environment=production");
    assertThat(production.getEnvironment()).isEqualTo("production");
    assertThat(production.getService()).isEqualTo("api");
    assertThat(production.getRoute()).isEqualTo("*");
    assertThat(production.getCount()).isEqualTo(2);
    assertThat(byKey.get("api|GET /a|2026-11-23T10:00:00Z/PT1M|environment=staging").getErrorRate()).isEqualTo(1.0);
    RequestWindow none = byKey.get("api|GET /a|2026-11-23T10:00:00Z/PT1M");
    assertThat(none.getEnvironment()).as("an empty environment is no environment").isNull();
    assertThat(none.getCount()).isEqualTo(2);
  }

  @Test
  void anEnvironmentHoldingTheKeySeparatorGoesToTheDeadLetterTopic() {
    fixture.request("api", "GET /a", 200, 10, at("1S"), "prod|eu");

    assertThat(header(fixture.deadLetters.readRecord(), "klaxon.error"))
        .isEqualTo("environment must not contain '|' (it separates key parts): prod|eu");
  }

  @Test
  void aRouteNamedLikeTheWholeServiceSeriesGoesToTheDeadLetterTopic() {
    fixture.request("api", "*", 200, 10, at("1S"));
    fixture.request("api", "GET /a", 200, 10, at("2S"));
    fixture.request("api", "GET /a", 200, 10, at("75S"));

    assertThat(header(fixture.deadLetters.readRecord(), "klaxon.error"))
        .isEqualTo("route must not be '*': it names the whole service's series");
    assertThat(fixture.requestWindows.readValuesToList()).filteredOn(w -> w.getRoute().equals("*"))
        .singleElement().extracting(RequestWindow::getCount).isEqualTo(1L);
  }

  private static String header(org.apache.kafka.streams.test.TestRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value());
  }
}
