package dev.klaxon.replay;

import dev.klaxon.rules.AlertEvaluatorTopology;
import dev.klaxon.rules.EvaluatorConfig;
import dev.klaxon.rules.RuleSet;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.LogWindow;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.schemas.serde.AvroSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The alert timeline the live windows imply, computed independently of the replay: the live closed
 * windows of the range, in window order, through the evaluator in a TopologyTestDriver.
 */
final class ExpectedAlerts {

  private static final Topics TOPICS = new Topics("expected.");

  private ExpectedAlerts() {}

  static List<AlertTransition> of(RuleSet rules, List<RequestWindow> requests, List<LogWindow> logs, Duration window,
      Path stateDir) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "expected-alerts");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    RuleSet replayable = dev.klaxon.replay.run.ReplayApps.replayable(rules);
    try (TopologyTestDriver driver = new TopologyTestDriver(AlertEvaluatorTopology.build(replayable,
        EvaluatorConfig.defaults(TOPICS).withWindowSize(window), AvroSerdes.embedded()), props, Instant.now())) {
      TestInputTopic<String, RequestWindow> requestTopic = driver.createInputTopic(TOPICS.requestMetrics(),
          new StringSerializer(), AvroSerde.embedded(RequestWindow.class).serializer());
      TestInputTopic<String, LogWindow> logTopic = driver.createInputTopic(TOPICS.logMetrics(),
          new StringSerializer(), AvroSerde.embedded(LogWindow.class).serializer());
      List<Object> windows = new ArrayList<>(requests);
      windows.addAll(logs);
      windows.sort(Comparator.comparingLong(ExpectedAlerts::start));
      for (Object w : windows) {
        if (w instanceof RequestWindow r) {
          requestTopic.pipeInput(new TestRecord<>(r.getService(), r, Instant.ofEpochMilli(r.getWindowStart())));
        } else if (w instanceof LogWindow l) {
          logTopic.pipeInput(new TestRecord<>(l.getService(), l, Instant.ofEpochMilli(l.getWindowStart())));
        }
      }
      List<AlertTransition> out = new ArrayList<>();
      driver.createOutputTopic(TOPICS.alerts(), new StringDeserializer(), AvroSerde.embedded(Alert.class).deserializer())
          .readRecordsToList().forEach(record -> {
            Alert alert = record.value();
            long at = alert.getStatus() == AlertStatus.resolved ? alert.getEndsAt()
                : record.timestamp() + window.toMillis();
            out.add(new AlertTransition(at, alert));
          });
      return out;
    }
  }

  private static long start(Object window) {
    return window instanceof RequestWindow r ? r.getWindowStart() : ((LogWindow) window).getWindowStart();
  }
}
