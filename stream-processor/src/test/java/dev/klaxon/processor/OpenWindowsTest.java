package dev.klaxon.processor;

import static dev.klaxon.processor.TopologyFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.LogWindow;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Design §6 "Fast detection": running values of open windows on the .open topics. */
class OpenWindowsTest {

  private static final String API_ROUTE_W0 = "api|GET /a|2026-11-23T10:00:00Z/PT1M";
  private static final String API_ALL_W0 = "api|*|2026-11-23T10:00:00Z/PT1M";

  private TopologyFixture fixture = new TopologyFixture(TopologyFixture.oneMinuteWindows());

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void anOpenWindowAppearsOnTheOpenTopicWithItsRunningCountAndP95BeforeItCloses() {
    for (int ms = 1; ms <= 100; ms++) {
      fixture.request("api", "GET /a", 200, ms, at("1S") + ms);
    }
    fixture.nextCommitInterval();

    Map<String, RequestWindow> open = byKey(fixture.openRequestWindows.readKeyValuesToList());
    assertThat(open).containsOnlyKeys(API_ROUTE_W0, API_ALL_W0);
    RequestWindow route = open.get(API_ROUTE_W0);
    assertThat(route.getCount()).isEqualTo(100);
    assertThat(route.getP95()).isCloseTo(95.0, within(0.1));
    assertThat(route.getWindowStart()).isEqualTo(at("0S"));
    assertThat(route.getWindowEnd()).isEqualTo(at("60S"));
    assertThat(route.getHistogram().remaining()).as("running values carry no histogram").isZero();
    assertThat(fixture.requestWindows.isEmpty()).as("the window is still open").isTrue();
  }

  @Test
  void theClosedWindowCarriesTheHistogramTheOpenOnesLeftOut() {
    for (int ms = 1; ms <= 100; ms++) {
      fixture.request("api", "GET /a", 200, ms, at("1S") + ms);
    }
    fixture.nextCommitInterval();
    fixture.request("api", "GET /a", 200, 5, at("75S")); // past the end and the grace: the window closes

    RequestWindow closed = byKey(fixture.requestWindows.readKeyValuesToList()).get(API_ROUTE_W0);
    assertThat(LatencyHistogram.decode(closed.getHistogram().array()).getTotalCount()).isEqualTo(100);
  }

  @Test
  void runningValuesGrowFromOnePublicationToTheNext() {
    fixture.request("api", "GET /a", 200, 10, at("1S"));
    fixture.nextCommitInterval();
    fixture.request("api", "GET /a", 503, 2500, at("2S"));
    fixture.request("api", "GET /a", 503, 2500, at("3S"));
    fixture.nextCommitInterval();

    List<RequestWindow> route = fixture.openRequestWindows.readValuesToList().stream()
        .filter(w -> w.getRoute().equals("GET /a")).toList();
    assertThat(route).extracting(RequestWindow::getCount).containsExactly(1L, 3L);
    assertThat(route).extracting(RequestWindow::getErrors5xx).containsExactly(0L, 2L);
    assertThat(route.get(1).getMax()).isEqualTo(2500.0);
  }

  @Test
  void seriesThatDidNotChangeSinceTheirLastPublicationAreNotPublishedAgain() {
    fixture.request("api", "GET /a", 200, 10, at("1S"));
    fixture.request("web", "GET /", 200, 10, at("1S"));
    fixture.nextCommitInterval();
    assertThat(fixture.openRequestWindows.readKeyValuesToList()).hasSize(4);

    fixture.request("web", "GET /", 200, 10, at("2S"));
    fixture.nextCommitInterval();
    assertThat(fixture.openRequestWindows.readKeyValuesToList()).extracting(kv -> kv.key)
        .containsExactlyInAnyOrder("web|GET /|2026-11-23T10:00:00Z/PT1M", "web|*|2026-11-23T10:00:00Z/PT1M");

    fixture.nextCommitInterval();
    fixture.nextCommitInterval();
    assertThat(fixture.openRequestWindows.isEmpty()).as("nothing changed: nothing published").isTrue();
  }

  @Test
  void aChangedRouteRepublishesItsServiceSeriesWithEveryRouteInIt() {
    fixture.request("api", "GET /a", 200, 10, at("1S"));
    fixture.request("api", "GET /a", 200, 10, at("2S"));
    fixture.request("api", "POST /b", 500, 300, at("3S"));
    fixture.nextCommitInterval();
    fixture.openRequestWindows.readKeyValuesToList();

    fixture.request("api", "GET /a", 200, 20, at("4S"));
    fixture.nextCommitInterval();

    Map<String, RequestWindow> open = byKey(fixture.openRequestWindows.readKeyValuesToList());
    assertThat(open).as("POST /b did not change").containsOnlyKeys(API_ROUTE_W0, API_ALL_W0);
    RequestWindow service = open.get(API_ALL_W0);
    assertThat(service.getCount()).isEqualTo(4);
    assertThat(service.getErrors5xx()).isEqualTo(1);
    assertThat(service.getMax()).isEqualTo(300.0);
    assertThat(service.getP99()).isCloseTo(300.0, within(0.3));
  }

  @Test
  void eachChangedSeriesIsPublishedAtMostOncePerCommitInterval() {
    Duration step = TopologyFixture.COMMIT_INTERVAL.dividedBy(4);
    for (int tick = 0; tick < 4 * 10; tick++) { // ten commit intervals, events all the time
      for (int i = 0; i < 5; i++) {
        fixture.request("api", "GET /a", 200, 10, at("1S") + tick);
      }
      fixture.driver.advanceWallClockTime(step);
    }

    List<KeyValue<String, RequestWindow>> open = fixture.openRequestWindows.readKeyValuesToList();
    Map<String, Long> publications = open.stream().collect(Collectors.groupingBy(kv -> kv.key, Collectors.counting()));
    assertThat(publications).containsOnly(Map.entry(API_ROUTE_W0, 10L), Map.entry(API_ALL_W0, 10L));
    assertThat(open.get(open.size() - 1).value.getCount()).isEqualTo(200);
  }

  @Test
  void thePublicationIntervalFollowsTheCommitInterval() {
    fixture.close();
    fixture = new TopologyFixture(TopologyFixture.oneMinuteWindows(), AvroSerdes.embedded(), Duration.ofSeconds(5));
    fixture.request("api", "GET /a", 200, 10, at("1S"));

    fixture.driver.advanceWallClockTime(Duration.ofMillis(4_999));
    assertThat(fixture.openRequestWindows.isEmpty()).isTrue();
    fixture.driver.advanceWallClockTime(Duration.ofMillis(1));
    assertThat(fixture.openRequestWindows.readKeyValuesToList()).extracting(kv -> kv.key)
        .containsExactlyInAnyOrder(API_ROUTE_W0, API_ALL_W0);
  }

  @Test
  void aClosedWindowAppearsExactlyOnceOnTheClosedTopicAndIsNotRepublishedAsOpen() {
    fixture.request("api", "GET /a", 200, 10, at("1S"));
    fixture.nextCommitInterval();
    fixture.request("api", "GET /a", 200, 10, at("2S")); // changes window 0 again...
    fixture.request("api", "GET /a", 200, 10, at("70S")); // ...which then closes before the next publication
    fixture.nextCommitInterval();
    fixture.request("api", "GET /a", 200, 10, at("130S")); // closes window 1
    fixture.nextCommitInterval();

    List<KeyValue<String, RequestWindow>> closed = fixture.requestWindows.readKeyValuesToList();
    assertThat(closed).extracting(kv -> kv.key).containsExactly(API_ALL_W0, API_ROUTE_W0,
        "api|*|2026-11-23T10:01:00Z/PT1M", "api|GET /a|2026-11-23T10:01:00Z/PT1M");
    assertThat(closed.get(0).value.getCount()).isEqualTo(2);
    List<String> openKeys = fixture.openRequestWindows.readKeyValuesToList().stream().map(kv -> kv.key).toList();
    assertThat(openKeys).containsExactlyInAnyOrder(API_ROUTE_W0, API_ALL_W0, // first publication only
        "api|GET /a|2026-11-23T10:01:00Z/PT1M", "api|*|2026-11-23T10:01:00Z/PT1M",
        "api|GET /a|2026-11-23T10:02:00Z/PT1M", "api|*|2026-11-23T10:02:00Z/PT1M");
  }

  @Test
  void openRecordsAreStampedWithTheEventTimeTheirValuesAreCurrentTo() {
    fixture.request("api", "GET /a", 200, 10, at("1S"));
    fixture.request("api", "GET /a", 200, 10, at("42S"));
    fixture.nextCommitInterval();

    List<TestRecord<String, RequestWindow>> open = fixture.openRequestWindows.readRecordsToList();
    assertThat(open).extracting(TestRecord::timestamp).containsOnly(at("42S"));
  }

  @Test
  void openLogWindowsCarryRunningCountsUnderTheClosedWindowsKey() {
    fixture.log("search", LogLevel.error, at("61S"));
    fixture.log("search", LogLevel.error, at("62S"));
    fixture.nextCommitInterval();

    List<KeyValue<String, LogWindow>> open = fixture.openLogWindows.readKeyValuesToList();
    assertThat(open).singleElement().satisfies(kv -> {
      assertThat(kv.key).isEqualTo("search|error|2026-11-23T10:01:00Z/PT1M");
      assertThat(kv.value.getCount()).isEqualTo(2);
    });
    assertThat(fixture.logWindows.isEmpty()).isTrue();
    assertThat(fixture.openRequestWindows.isEmpty()).isTrue();
  }

  private static Map<String, RequestWindow> byKey(List<KeyValue<String, RequestWindow>> records) {
    return records.stream().collect(Collectors.toMap(kv -> kv.key, kv -> kv.value));
  }
}
