package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.SpendWindow;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@KafkaIntegrationTest
class RunCommandIntegrationTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final StringWriter err = new StringWriter();

  @TempDir Path dir;

  @Test
  void theGatewayAndProcessorRolesRunTogetherAgainstAnExternalBroker(KafkaTestEnv kafka) throws Exception {
    kafka.createTopics(1);
    int gatewayPort = freePort();
    Path config = Files.writeString(dir.resolve("klaxon.yaml"), """
        processor:
          applicationId: %s
          stateDir: %s
          windows: [1s]
          grace: 0s
          httpPort: 0
        gateway:
          http: {host: 127.0.0.1, port: %d}
          auth: {demoMode: true}
        """.formatted(kafka.applicationId(), dir.resolve("state"), gatewayPort));

    AtomicInteger exit = new AtomicInteger(-1);
    Thread run = new Thread(() -> exit.set(cli().execute("run", "gateway", "processor", "--config", config.toString(),
        "--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", kafka.topics().prefix())), "klaxon-run");
    run.start();
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> status(gatewayPort, "/health/ready") == 200);
      // The second event moves event time past the first one's window, which then closes.
      long eventTime = Instant.now().minusSeconds(5).toEpochMilli() / 1000 * 1000;
      HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + gatewayPort + "/v1/events"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("[" + event(eventTime) + "," + event(eventTime + 3000) + "]")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

      AvroSerde<RequestWindow> windows = AvroSerde.embedded(RequestWindow.class);
      List<ConsumerRecord<String, RequestWindow>> out = kafka.readUntil(kafka.topics().requestMetrics(),
          new StringDeserializer(), windows.deserializer(), read -> read.size() >= 2, Duration.ofSeconds(60));
      assertThat(out).filteredOn(r -> r.value().getWindowStart() == eventTime).extracting(r -> r.value().getRoute() + "=" + r.value().getCount())
          .containsExactlyInAnyOrder("POST /invoices=1", "*=1");
    } finally {
      run.interrupt();
      run.join(Duration.ofSeconds(60).toMillis());
    }
    assertThat(run.isAlive()).as("stopped").isFalse();
    assertThat(exit.get()).as(err.toString()).isZero();
  }

  @Test
  void theCostRoleRunsAloneAgainstAnExternalBrokerAndKlaxonSpendReadsItsApi(KafkaTestEnv kafka) throws Exception {
    Topics topics = kafka.createTopics(1);
    int costPort = freePort();
    Path config = Files.writeString(dir.resolve("klaxon.yaml"), """
        cost:
          applicationId: %s
          stateDir: %s
          granularities: [minute, day]
          grace: 0s
          commitInterval: 100ms
          httpPort: %d
          advertisedHost: 127.0.0.1
        """.formatted(kafka.applicationId(), dir.resolve("state"), costPort));
    AvroSerde<CostEvent> costs = AvroSerde.embedded(CostEvent.class);
    long now = Instant.now().toEpochMilli();
    try (KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer())) {
      for (CostEvent event : List.of(cost("0.000000001", now - 120_000), cost("2.5", now - 1000))) {
        producer.send(new ProducerRecord<>(topics.costs(), null, event.getTimestamp(), "alice", costs.encode(event)));
      }
    }

    AtomicInteger exit = new AtomicInteger(-1);
    Thread run = new Thread(() -> exit.set(cli().execute("run", "cost", "--config", config.toString(),
        "--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", topics.prefix())), "klaxon-run");
    run.start();
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> status(costPort, "/health/ready") == 200 || !run.isAlive());
      assertThat(run.isAlive()).as(err::toString).isTrue();
      // The second cost moves event time past the first one's minute, which closes.
      List<ConsumerRecord<String, SpendWindow>> closed = kafka.readUntil(topics.spendMetrics(),
          new StringDeserializer(), AvroSerde.embedded(SpendWindow.class).deserializer(),
          read -> read.stream().anyMatch(r -> r.key().startsWith("alice|*|")), Duration.ofSeconds(90));
      assertThat(closed).filteredOn(r -> r.key().startsWith("alice|*|")).singleElement()
          .satisfies(r -> assertThat(r.value().getCostUsd()).isEqualByComparingTo("0.000000001"));

      StringWriter table = new StringWriter();
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        table.getBuffer().setLength(0);
        CommandLine spend = KlaxonCommand.commandLine();
        spend.setOut(new PrintWriter(table, true));
        spend.setErr(new PrintWriter(new StringWriter(), true));
        return spend.execute("spend", "--user", "alice", "--url", "http://127.0.0.1:" + costPort) == 0
            && table.toString().contains("2.500000001");
      });
      assertThat(table.toString()).startsWith("spend of alice, day ").contains("openai");
    } finally {
      run.interrupt();
      run.join(Duration.ofSeconds(60).toMillis());
    }
    assertThat(run.isAlive()).as("stopped").isFalse();
    assertThat(exit.get()).as(err.toString()).isZero();
  }

  @Test
  void sigtermStopsEveryRoleCleanlyInReverseOrder(KafkaTestEnv kafka) throws Exception {
    kafka.createTopics(1);
    Path config = Files.writeString(dir.resolve("klaxon.yaml"), """
        processor: {applicationId: %s, stateDir: %s, httpPort: 0}
        gateway: {http: {host: 127.0.0.1, port: 0}, auth: {demoMode: true}}
        """.formatted(kafka.applicationId(), dir.resolve("state")));
    Path log = dir.resolve("run.log");
    Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), KlaxonCommand.class.getName(), "run", "processor", "gateway",
        "--config", config.toString(), "--bootstrap-servers", kafka.bootstrapServers(),
        "--topic-prefix", kafka.topics().prefix(), "--log-format", "json")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      await().atMost(Duration.ofSeconds(90)).until(() -> Files.readString(log).contains("gateway: POST"));

      run.destroy(); // SIGTERM
      assertThat(run.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("exited").isTrue();
    } finally {
      run.destroyForcibly();
    }
    List<String> messages = Files.readAllLines(log).stream().filter(line -> line.startsWith("{"))
        .map(line -> {
          try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).path("message").asText();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }).filter(message -> message.matches("(processor|gateway): .*")).toList();
    assertThat(messages).as(Files.readString(log)).hasSize(4);
    assertThat(messages.get(0)).startsWith("processor: application " + kafka.applicationId());
    assertThat(messages.get(1)).startsWith("gateway: POST http://127.0.0.1:");
    assertThat(messages.subList(2, 4)).containsExactly("gateway: stopped", "processor: stopped");
    assertThat(run.exitValue()).as("the JVM's answer to SIGTERM").isEqualTo(143);
  }

  @Test
  void anUnknownKeyInAnySectionIsRefusedByNameBeforeAnythingStarts(KafkaTestEnv kafka) throws Exception {
    Path config = Files.writeString(dir.resolve("klaxon.yaml"), "sink:\n  grupId: alerts\n");

    int exit = cli().execute("run", "gateway", "--config", config.toString(), "--bootstrap-servers",
        kafka.bootstrapServers());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("unknown config key 'sink.grupId'").contains("groupId");
  }

  @Test
  void eventBoundsAreSharedAndSetOnceAtTheTop(KafkaTestEnv kafka) throws Exception {
    Path inGateway = Files.writeString(dir.resolve("gateway-events.yaml"), "gateway:\n  events: {maxDuration: 2d}\n");
    Path badBound = Files.writeString(dir.resolve("bad-bound.yaml"), "events:\n  maxDuration: 0s\n");

    assertThat(cli().execute("run", "--config", inGateway.toString(), "--bootstrap-servers", kafka.bootstrapServers()))
        .isEqualTo(1);
    assertThat(cli().execute("run", "--config", badBound.toString(), "--bootstrap-servers", kafka.bootstrapServers()))
        .isEqualTo(1);

    assertThat(err.toString()).contains("gateway.events: set events at the top of the file")
        .contains("events.maxDuration must be > 0");
  }

  @Test
  void anUnknownTopLevelKeyOrRoleIsRefusedByName(KafkaTestEnv kafka) throws Exception {
    Path config = Files.writeString(dir.resolve("klaxon.yaml"), "procesor:\n  threads: 2\n");

    assertThat(cli().execute("run", "--config", config.toString(), "--bootstrap-servers", kafka.bootstrapServers()))
        .isEqualTo(1);
    assertThat(err.toString()).contains("unknown config key 'procesor'").contains("processor");

    assertThat(cli().execute("run", "alerter", "--bootstrap-servers", kafka.bootstrapServers())).isEqualTo(2);
    assertThat(err.toString()).contains("alerter").contains("processor, rules, cost, sink");

    assertThat(cli().execute("run", "--embedded", "--bootstrap-servers", kafka.bootstrapServers())).isEqualTo(2);
    assertThat(err.toString()).contains("--embedded starts its own broker");
  }

  private static CostEvent cost(String usd, long timestamp) {
    return CostEvent.newBuilder().setService("llm-gateway").setUserId("alice").setProvider("openai")
        .setCostUsd(new java.math.BigDecimal(usd)).setTimestamp(timestamp).build();
  }

  private static String event(long timestamp) {
    return "{\"type\":\"request\",\"service\":\"billing\",\"route\":\"POST /invoices\",\"status\":201,"
        + "\"durationMs\":42.0,\"timestamp\":" + timestamp + "}";
  }

  private CommandLine cli() {
    CommandLine cli = KlaxonCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    return cli;
  }

  private int status(int port, String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
