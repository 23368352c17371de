package dev.klaxon.cli;

import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.SpendWindow;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.schemas.serde.AvroSerdes;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads closed windows of one size (read_committed, new ones only) and prints one table per window.
 * Series of one window close on several partitions at slightly different times, so a window is
 * printed once nothing new arrived for it for a moment. Windows of other sizes (the demo's rules read
 * 1-minute ones) are skipped. Under each table, the day's top spenders so far (the cost aggregator's
 * running day totals).
 */
final class WindowTableLoop implements AutoCloseable {

  private static final long SETTLE_MS = 1500;
  private static final int TOP_SPENDERS = 5;

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;

  private WindowTableLoop(KafkaConsumer<byte[], byte[]> consumer, WindowTable table, PrintWriter out, Topics topics,
      AvroSerdes serdes, Duration size) {
    this.consumer = consumer;
    AvroSerde<RequestWindow> serde = serdes.forValues(RequestWindow.class);
    AvroSerde<SpendWindow> spend = serdes.forValues(SpendWindow.class);
    TopSpenders spenders = new TopSpenders();
    this.thread = new Thread(() -> {
      Map<Long, List<RequestWindow>> pending = new TreeMap<>();
      Map<Long, Long> lastArrival = new HashMap<>();
      try {
        consumer.subscribe(List.of(topics.requestMetrics(), topics.spendMetrics(), topics.openSpendMetrics()));
        while (true) {
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
            if (!record.topic().equals(topics.requestMetrics())) {
              spenders.accept(spend.decode(record.topic(), record.value()));
              continue;
            }
            RequestWindow window = serde.decode(record.topic(), record.value());
            if (window.getWindowEnd() - window.getWindowStart() != size.toMillis()) {
              continue;
            }
            pending.computeIfAbsent(window.getWindowStart(), k -> new ArrayList<>()).add(window);
            lastArrival.put(window.getWindowStart(), System.currentTimeMillis());
          }
          long now = System.currentTimeMillis();
          var settled = pending.entrySet().iterator();
          while (settled.hasNext()) {
            var entry = settled.next();
            if (now - lastArrival.get(entry.getKey()) >= SETTLE_MS) {
              List<RequestWindow> windows = entry.getValue();
              out.print(table.render(entry.getKey(), windows.get(0).getWindowEnd(), windows));
              out.print(spenders.render(TOP_SPENDERS));
              out.flush();
              lastArrival.remove(entry.getKey());
              settled.remove();
            }
          }
        }
      } catch (WakeupException stopping) {
        // close() was called
      } finally {
        consumer.close();
      }
    }, "klaxon-demo-table");
  }

  static WindowTableLoop start(WindowTable table, PrintWriter out, Map<String, Object> clientProps, Topics topics,
      AvroSerdes serdes, Duration size) {
    Map<String, Object> props = new HashMap<>(clientProps);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "klaxon-demo-table-" + UUID.randomUUID());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    WindowTableLoop loop = new WindowTableLoop(
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer()), table, out, topics,
        serdes, size);
    loop.thread.start();
    return loop;
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    thread.join();
  }
}
