package dev.klaxon.cli;

import dev.klaxon.kafka.internal.TopicCreator;
import dev.klaxon.runtime.KafkaCluster;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code klaxon topics create}: Klaxon's topics on an external cluster, the way the embedded broker has
 * them (notifications and silences compacted, open-window topics with a short retention). Topics that
 * exist are left as they are, so it is safe to run at every deployment (docker-compose runs it first).
 */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Klaxon's topics on a Kafka cluster.",
    subcommands = {TopicsCommand.Create.class})
final class TopicsCommand {

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create every Klaxon topic that does not exist yet (existing ones are left alone).")
  static final class Create implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin KafkaOptions kafka;

    @Option(names = "--partitions", defaultValue = "3",
        description = "Partitions of each new topic: the most instances of a role that share the work "
            + "(default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "1",
        description = "Brokers holding each partition; 3 on a production cluster (default: ${DEFAULT-VALUE}).")
    short replicationFactor;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (partitions < 1 || replicationFactor < 1) {
        spec.commandLine().getErr().println("klaxon topics create: --partitions and --replication-factor must be >= 1");
        return 2;
      }
      KafkaCluster cluster = kafka.cluster();
      List<NewTopic> topics = TopicCreator.klaxonTopics(cluster.topics(), partitions, replicationFactor);
      Map<String, Object> props = new HashMap<>(cluster.clientProperties(Map.of()));
      try (Admin admin = Admin.create(props)) {
        new TopicCreator(admin).create(topics);
      } catch (IllegalStateException | KafkaException e) {
        spec.commandLine().getErr().println("klaxon topics create: " + cluster.bootstrapServers() + ": "
            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        return 1;
      }
      topics.forEach(t -> out.println(t.name()));
      out.printf("%d topics present on %s%n", topics.size(), cluster.bootstrapServers());
      return 0;
    }
  }
}
