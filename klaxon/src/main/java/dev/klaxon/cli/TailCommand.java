package dev.klaxon.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Prints a Klaxon topic as JSON lines, following it like {@code tail -f}. */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = "Print a Klaxon topic as JSON lines (committed records only), following new ones.")
final class TailCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin KafkaOptions kafka;

  @Parameters(paramLabel = "TOPIC", description = "e.g. klaxon.metrics.requests")
  String topic;

  @Option(names = "--from-beginning", description = "Start at the oldest record instead of new ones.")
  boolean fromBeginning;

  @Option(names = {"-n", "--max-records"}, paramLabel = "N", description = "Stop after N records.")
  Long maxRecords;

  @Option(names = "--timeout", paramLabel = "DURATION",
      description = "Stop when no record arrived for this long, e.g. 30s (default: follow forever).")
  Duration idleTimeout;

  @Override
  public Integer call() {
    TopicFormats formats = new TopicFormats(kafka.topics(), kafka.serdes());
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Object> props = kafka.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "klaxon-tail-" + UUID.randomUUID());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<byte[], byte[]> consumer =
             new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15));
      if (partitions == null || partitions.isEmpty()) {
        spec.commandLine().getErr().println("klaxon tail: no topic " + topic + " at " + kafka.resolveBootstrapServers()
            + (formats.knows(topic) ? "" : " (Klaxon's topics: " + String.join(", ", kafka.topics().all()) + ")"));
        return 2;
      }
      List<TopicPartition> assigned = partitions.stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
      consumer.assign(assigned);
      if (fromBeginning) {
        consumer.seekToBeginning(assigned);
      } else {
        consumer.seekToEnd(assigned);
      }
      long printed = 0;
      long lastRecordAt = System.nanoTime();
      Runtime.getRuntime().addShutdownHook(new Thread(consumer::wakeup));
      try {
        while (maxRecords == null || printed < maxRecords) {
          var records = consumer.poll(Duration.ofMillis(500));
          for (ConsumerRecord<byte[], byte[]> record : records) {
            out.println(formats.toJsonLine(record));
            printed++;
            if (maxRecords != null && printed >= maxRecords) {
              break;
            }
          }
          out.flush();
          if (!records.isEmpty()) {
            lastRecordAt = System.nanoTime();
          } else if (idleTimeout != null && System.nanoTime() - lastRecordAt > idleTimeout.toNanos()) {
            break;
          }
        }
      } catch (org.apache.kafka.common.errors.WakeupException stopped) {
        // Ctrl-C
      }
    }
    return 0;
  }
}
