package dev.klaxon.emitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.validation.EventLimits;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP transport against a real local server that speaks the gateway's contract. */
class HttpEmitterTest {

  private static final String KEY = "test-key-s3cr3t";
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00.250Z");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<AutoCloseable> closeAfter = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closeAfter.size() - 1; i >= 0; i--) {
      closeAfter.get(i).close();
    }
  }

  private LocalGateway gateway(LocalGateway gateway) {
    closeAfter.add(gateway);
    return gateway;
  }

  private KlaxonEmitter.Builder emitterTo(URI url) {
    return KlaxonEmitter.builder()
        .service("checkout")
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .http(url, KEY)
        .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
  }

  private KlaxonEmitter open(KlaxonEmitter.Builder builder) {
    KlaxonEmitter klaxon = builder.build();
    closeAfter.add(() -> klaxon.close(Duration.ofSeconds(1)));
    return klaxon;
  }

  private static boolean emitRequest(KlaxonEmitter klaxon, int i) {
    return klaxon.request("GET /items/{id}").method("GET").status(200).durationMs(i).requestId("r" + i).emit();
  }

  private static List<String> requestIds(List<SpecificRecord> events) {
    return events.stream().map(e -> ((RequestEvent) e).getRequestId()).toList();
  }

  private static List<String> ids(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "r" + i).toList();
  }

  @Test
  void sendsBatchesAsGzippedNdjsonWithTheApiKeyAndExactFields() throws IOException {
    LocalGateway gateway = gateway(LocalGateway.start(KEY));
    KlaxonEmitter klaxon = open(emitterTo(gateway.url()).batchSize(3).linger(Duration.ofMinutes(1)));

    klaxon.request("GET /users/{id}").method("GET").status(200).durationMs(12.5).userId("u-1")
        .requestId("req-1").environment("production").attribute("region", "eu").emit();
    for (int i = 2; i <= 7; i++) {
      emitRequest(klaxon, i);
    }
    assertThat(klaxon.flush(TIMEOUT)).isTrue();

    List<LocalGateway.Received> received = gateway.received();
    assertThat(received).extracting(r -> LocalGateway.lines(r.body()).size()).containsExactly(3, 3, 1);
    assertThat(received).allSatisfy(request -> {
      assertThat(request.status()).isEqualTo(202);
      assertThat(request.headers().getFirst("Authorization")).isEqualTo("Bearer " + KEY);
      assertThat(request.headers().getFirst("Content-Encoding")).isEqualTo("gzip");
      assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/x-ndjson");
    });
    JsonNode first = JSON.readTree(LocalGateway.lines(received.get(0).body()).get(0));
    assertThat(first).isEqualTo(JSON.readTree("""
        {"type":"request","service":"checkout","route":"GET /users/{id}","method":"GET","status":200,
         "durationMs":12.5,"timestamp":%d,"userId":"u-1","requestId":"req-1",
         "environment":"production","attributes":{"region":"eu"}}
        """.formatted(NOW.toEpochMilli())));
    assertThat(requestIds(gateway.accepted()))
        .containsExactly("req-1", "r2", "r3", "r4", "r5", "r6", "r7");
    EmitterStats stats = klaxon.stats();
    assertThat(stats.emitted()).isEqualTo(7);
    assertThat(stats.delivered()).isEqualTo(7);
    assertThat(stats.droppedTotal()).isZero();
    assertThat(stats.pending()).isZero();
  }

  @Test
  void jsonArrayBodyCarriesLogAndCostEventsWithExactValues() throws IOException {
    LocalGateway gateway = gateway(LocalGateway.start(KEY));
    KlaxonEmitter klaxon = open(emitterTo(gateway.url()).bodyFormat(BodyFormat.JSON_ARRAY));

    klaxon.log(LogLevel.error, "provider timed out").logger("llm").errorType("ProviderTimeout")
        .requestId("req-9").emit();
    klaxon.cost("openai", new BigDecimal("0.0123")).userId("u-7").operation("chat.completions")
        .units(1532, "tokens").emit();
    assertThat(klaxon.flush(TIMEOUT)).isTrue();

    LocalGateway.Received request = gateway.received().get(0);
    assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
    assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("""
        [{"type":"log","service":"checkout","level":"error","message":"provider timed out",
          "timestamp":%1$d,"logger":"llm","errorType":"ProviderTimeout","requestId":"req-9",
          "userId":null,"attributes":{},"environment":null},
         {"type":"cost","service":"checkout","userId":"u-7","provider":"openai",
          "operation":"chat.completions","costUsd":0.0123,"units":1532.0,"unitType":"tokens",
          "timestamp":%1$d,"requestId":null}]
        """.formatted(NOW.toEpochMilli())));
    assertThat(gateway.accepted()).hasSize(2);
    assertThat(((CostEvent) gateway.accepted().get(1)).getCostUsd()).isEqualByComparingTo("0.0123");
    assertThat(((LogEvent) gateway.accepted().get(0)).getLevel()).isEqualTo(LogLevel.error);
  }

  @Test
  void tooManyRequestsIsRetriedAfterRetryAfterAndDeliveredOnce() {
    LocalGateway gateway = gateway(LocalGateway.start(KEY));
    gateway.thenAnswer(429, Map.of("Retry-After", "1"), "{\"error\":\"slow down\"}");
    KlaxonEmitter klaxon = open(emitterTo(gateway.url()));

    for (int i = 0; i < 5; i++) {
      emitRequest(klaxon, i);
    }
    assertThat(klaxon.flush(TIMEOUT)).isTrue();

    List<LocalGateway.Received> received = gateway.received();
    assertThat(received).extracting(LocalGateway.Received::status).containsExactly(429, 202);
    assertThat(Duration.ofNanos(received.get(1).nanoTime() - received.get(0).nanoTime()))
        .as("wait honouring Retry-After: 1").isGreaterThanOrEqualTo(Duration.ofMillis(950));
    assertThat(requestIds(gateway.accepted())).containsExactlyElementsOf(ids(0, 5));
    EmitterStats stats = klaxon.stats();
    assertThat(stats.delivered()).isEqualTo(5);
    assertThat(stats.retried()).isEqualTo(1);
    assertThat(stats.droppedTotal()).isZero();
  }

  @Test
  void unavailableIsRetriedWithBackoffUntilDelivered() {
    LocalGateway gateway = gateway(LocalGateway.start(KEY));
    gateway.thenAnswer(503, Map.of(), "{}").thenAnswer(503, Map.of(), "{}");
    KlaxonEmitter klaxon = open(emitterTo(gateway.url()));

    for (int i = 0; i < 4; i++) {
      emitRequest(klaxon, i);
    }
    assertThat(klaxon.flush(TIMEOUT)).isTrue();

    assertThat(gateway.received()).extracting(LocalGateway.Received::status).containsExactly(503, 503, 202);
    assertThat(requestIds(gateway.accepted())).containsExactlyElementsOf(ids(0, 4));
    assertThat(klaxon.stats().retried()).isEqualTo(2);
    assertThat(klaxon.stats().delivered()).isEqualTo(4);
  }

  @Test
  void badRequestDropsTheBatchWithoutRetryAndLogsTheErrorsButNotTheKey() {
    // A gateway stricter than the emitter: "checkout" is longer than its identifier limit.
    LocalGateway gateway = gateway(LocalGateway.start(KEY, EventLimits.defaults().withMaxIdentifierChars(5)));
    KlaxonEmitter klaxon = open(emitterTo(gateway.url()));

    try (CapturedLog log = new CapturedLog()) {
      emitRequest(klaxon, 0);
      emitRequest(klaxon, 1);
      assertThat(klaxon.flush(TIMEOUT)).isTrue();

      assertThat(gateway.received()).extracting(LocalGateway.Received::status).containsExactly(400);
      assertThat(gateway.accepted()).isEmpty();
      EmitterStats stats = klaxon.stats();
      assertThat(stats.dropped(DropReason.REJECTED)).isEqualTo(2);
      assertThat(stats.delivered()).isZero();
      assertThat(stats.retried()).isZero();
      assertThat(log.all())
          .contains("dropped a batch of 2 events", "item 0, service: service must be at most 5 characters")
          .doesNotContain(KEY);
    }
  }

  @Test
  void wrongKeyIsPermanentAndNeverLogged() {
    LocalGateway gateway = gateway(LocalGateway.start("another-key"));
    KlaxonEmitter klaxon = open(emitterTo(gateway.url()));

    try (CapturedLog log = new CapturedLog()) {
      emitRequest(klaxon, 0);
      assertThat(klaxon.flush(TIMEOUT)).isTrue();

      assertThat(gateway.received()).extracting(LocalGateway.Received::status).containsExactly(401);
      assertThat(klaxon.stats().dropped(DropReason.REJECTED)).isEqualTo(1);
      assertThat(log.all()).contains("401").doesNotContain(KEY);
    }
  }

  @Test
  void eventsWaitWhileTheGatewayIsDownAndAreDeliveredWhenItComesUp() throws IOException {
    int port = freePort();
    KlaxonEmitter klaxon = open(emitterTo(URI.create("http://127.0.0.1:" + port)).queueCapacity(100));

    for (int i = 0; i < 20; i++) {
      assertThat(emitRequest(klaxon, i)).isTrue();
    }
    await().atMost(TIMEOUT).until(() -> klaxon.stats().retried() >= 2);
    assertThat(klaxon.stats().delivered()).isZero();
    assertThat(klaxon.stats().pending()).isEqualTo(20);

    LocalGateway gateway = gateway(LocalGateway.onPort(KEY, EventLimits.defaults(), port).start());
    await().atMost(TIMEOUT).until(() -> klaxon.stats().delivered() == 20);

    assertThat(requestIds(gateway.accepted())).containsExactlyElementsOf(ids(0, 20));
    assertThat(klaxon.stats().droppedTotal()).isZero();
  }

  @Test
  void aFullQueueDropsTheNewestEventsAndCountsThem() {
    LocalGateway gateway = gateway(LocalGateway.start(KEY));
    gateway.stall();
    KlaxonEmitter klaxon = open(emitterTo(gateway.url()).queueCapacity(10).batchSize(4));

    List<Boolean> accepted = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      accepted.add(emitRequest(klaxon, i));
    }

    assertThat(accepted.subList(0, 10)).containsOnly(true);
    assertThat(accepted.subList(10, 25)).containsOnly(false);
    EmitterStats stats = klaxon.stats();
    assertThat(stats.emitted()).isEqualTo(10);
    assertThat(stats.dropped(DropReason.QUEUE_FULL)).isEqualTo(15);
    assertThat(stats.pending()).isEqualTo(10);

    gateway.release();
    assertThat(klaxon.flush(TIMEOUT)).isTrue();
    assertThat(requestIds(gateway.accepted())).containsExactlyElementsOf(ids(0, 10));
    assertThat(klaxon.stats().delivered()).isEqualTo(10);
  }

  @Test
  void flushSendsAtOnceAndReturnsOnlyOnceDelivered() {
    LocalGateway gateway = gateway(LocalGateway.start(KEY));
    KlaxonEmitter klaxon = open(emitterTo(gateway.url()).linger(Duration.ofMinutes(10)));

    for (int i = 0; i < 3; i++) {
      emitRequest(klaxon, i);
    }
    assertThat(klaxon.flush(TIMEOUT)).isTrue();

    assertThat(requestIds(gateway.accepted())).containsExactlyElementsOf(ids(0, 3));
    assertThat(klaxon.stats().delivered()).isEqualTo(3);
    assertThat(klaxon.flush(Duration.ZERO)).as("nothing left to wait for").isTrue();
  }

  @Test
  void flushGivesUpAfterItsTimeoutWhileTheGatewayStalls() {
    LocalGateway gateway = gateway(LocalGateway.start(KEY));
    gateway.stall();
    KlaxonEmitter klaxon = open(emitterTo(gateway.url()));

    emitRequest(klaxon, 0);

    assertThat(klaxon.flush(Duration.ofMillis(300))).isFalse();
    assertThat(klaxon.stats().pending()).isEqualTo(1);
    gateway.release();
    assertThat(klaxon.flush(TIMEOUT)).isTrue();
    assertThat(klaxon.stats().delivered()).isEqualTo(1);
  }

  @Test
  void closeDeliversWhatWasAcceptedAndRefusesLaterEvents() {
    LocalGateway gateway = gateway(LocalGateway.start(KEY));
    KlaxonEmitter klaxon = emitterTo(gateway.url()).linger(Duration.ofMinutes(10)).build();

    for (int i = 0; i < 4; i++) {
      emitRequest(klaxon, i);
    }
    assertThat(klaxon.close(TIMEOUT)).isTrue();

    assertThat(requestIds(gateway.accepted())).containsExactlyElementsOf(ids(0, 4));
    assertThat(emitRequest(klaxon, 99)).isFalse();
    EmitterStats stats = klaxon.stats();
    assertThat(stats.delivered()).isEqualTo(4);
    assertThat(stats.dropped(DropReason.CLOSED)).isEqualTo(1);
    assertThat(stats.emitted()).isEqualTo(4);
  }

  @Test
  void closeWithTheGatewayDownGivesUpAfterItsTimeoutAndCountsTheLoss() throws IOException {
    KlaxonEmitter klaxon = emitterTo(URI.create("http://127.0.0.1:" + freePort())).build();

    for (int i = 0; i < 6; i++) {
      emitRequest(klaxon, i);
    }
    assertThat(klaxon.close(Duration.ofMillis(300))).isFalse();

    EmitterStats stats = klaxon.stats();
    assertThat(stats.dropped(DropReason.CLOSED)).isEqualTo(6);
    assertThat(stats.pending()).isZero();
    assertThat(stats.delivered()).isZero();
  }

  @Test
  void emittingIntoAStalledTransportNeverBlocksTheCaller() {
    LocalGateway gateway = gateway(LocalGateway.start(KEY));
    gateway.stall();
    KlaxonEmitter klaxon = open(emitterTo(gateway.url()).queueCapacity(1_000).batchSize(100));

    int accepted = 0;
    for (int i = 0; i < 100_000; i++) {
      if (emitRequest(klaxon, i)) {
        accepted++;
      }
    }

    // Reaching this line at all is the point: nothing was delivered, so a blocking emit would hang.
    EmitterStats stats = klaxon.stats();
    assertThat(stats.delivered()).isZero();
    assertThat(accepted).isEqualTo(1_000);
    assertThat(stats.emitted()).isEqualTo(1_000);
    assertThat(stats.dropped(DropReason.QUEUE_FULL)).isEqualTo(99_000);
    assertThat(stats.pending()).isEqualTo(1_000);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
