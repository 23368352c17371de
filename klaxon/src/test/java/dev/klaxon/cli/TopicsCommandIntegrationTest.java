package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import dev.klaxon.schemas.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@KafkaIntegrationTest
class TopicsCommandIntegrationTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void createsEveryTopicOnceWithTheRightPoliciesAndCanRunAgain(KafkaTestEnv kafka) throws Exception {
    Topics topics = kafka.topics();
    String[] args = {"topics", "create", "--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix",
        topics.prefix(), "--partitions", "2"};

    assertThat(run(args)).as(err.toString()).isZero();
    assertThat(run(args)).as("a second run leaves the topics alone: " + err).isZero();

    assertThat(out.toString()).contains(topics.openSpendMetrics(), topics.all().size() + " topics present");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      Map<String, TopicDescription> described = admin.describeTopics(topics.all()).allTopicNames().get();
      assertThat(described).hasSize(topics.all().size());
      assertThat(described.get(topics.requests()).partitions()).hasSize(2);
      ConfigResource silences = new ConfigResource(ConfigResource.Type.TOPIC, topics.silences());
      Config config = admin.describeConfigs(List.of(silences)).all().get().get(silences);
      assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
    }
  }

  @Test
  void anUnreachableClusterIsOneLine() {
    int exit = run("topics", "create", "--bootstrap-servers", "127.0.0.1:1", "-X", "default.api.timeout.ms=2000",
        "-X", "request.timeout.ms=1000");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).startsWith("klaxon topics create: 127.0.0.1:1").doesNotContain("\tat ");
  }

  private int run(String... args) {
    CommandLine cli = KlaxonCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
