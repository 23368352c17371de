package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@KafkaIntegrationTest
class SendAndTailIntegrationTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void aSentEventCanBeTailedBackAsJson(KafkaTestEnv kafka) {
    kafka.createTopics(1);
    String event = "{\"type\":\"request\",\"service\":\"checkout\",\"route\":\"POST /pay\",\"status\":503,"
        + "\"durationMs\":812.5,\"timestamp\":\"2026-11-23T10:00:00Z\"}";

    int sent = run("send", "--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", kafka.topics().prefix(), event);
    assertThat(sent).as(err.toString()).isZero();
    assertThat(out.toString()).contains("sent to " + kafka.topics().requests());

    int tailed = run("tail", kafka.topics().requests(), "--from-beginning", "-n", "1", "--bootstrap-servers",
        kafka.bootstrapServers(), "--topic-prefix", kafka.topics().prefix());
    assertThat(tailed).as(err.toString()).isZero();
    assertThat(out.toString()).contains("\"service\":\"checkout\"", "\"status\":503", "\"durationMs\":812.5",
        "\"timestamp\":1795428000000");
  }

  @Test
  void anInvalidEventIsRefusedNamingEveryBadField(KafkaTestEnv kafka) {
    int exit = run("send", "--bootstrap-servers", kafka.bootstrapServers(),
        "{\"type\":\"request\",\"service\":\"checkout\",\"route\":\"/\",\"status\":700,\"durationMs\":-1,\"timestamp\":0}");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("field status", "field durationMs", "field timestamp");
  }

  @Test
  void tailingAMissingTopicSaysSo(KafkaTestEnv kafka) {
    int exit = run("tail", "no-such-topic", "--bootstrap-servers", kafka.bootstrapServers(), "--timeout", "1s");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("no topic no-such-topic");
  }

  private int run(String... args) {
    CommandLine cli = KlaxonCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
