package dev.klaxon.kafka.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Server properties of a single node acting as both KRaft controller and broker. Everything that
 * defaults to three replicas is set to one, and internal topics get few partitions so start-up and
 * the first transaction stay fast.
 */
public final class BrokerProperties {

  public static final int NODE_ID = 1;
  public static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String CLIENT_LISTENER = "PLAINTEXT";

  private BrokerProperties() {}

  public static Map<String, String> of(Path logDir, int brokerPort, int controllerPort,
      int defaultPartitions) {
    Map<String, String> props = new HashMap<>();
    String controller = Ports.HOST + ":" + controllerPort;
    String client = Ports.HOST + ":" + brokerPort;

    props.put("process.roles", "broker,controller");
    props.put("node.id", String.valueOf(NODE_ID));
    // A static quorum (kraft.version 0): the controller port lives in config, not in the metadata
    // log, so a restart may pick another free controller port.
    props.put("controller.quorum.voters", NODE_ID + "@" + controller);
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put("listeners", CLIENT_LISTENER + "://" + client + "," + CONTROLLER_LISTENER + "://" + controller);
    props.put("advertised.listeners", CLIENT_LISTENER + "://" + client);
    props.put("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    props.put("inter.broker.listener.name", CLIENT_LISTENER);
    props.put("log.dirs", logDir.toAbsolutePath().toString());

    props.put("num.partitions", String.valueOf(defaultPartitions));
    props.put("default.replication.factor", "1");
    props.put("min.insync.replicas", "1");
    // Topics come from Topics.all(); a misspelt name should fail, not appear.
    props.put("auto.create.topics.enable", "false");

    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "5");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "5");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");

    // Modest footprint on a small machine: the cleaner's dedupe buffer defaults to 128 MB of heap.
    props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
    props.put("num.network.threads", "2");
    props.put("num.io.threads", "4");
    props.put("background.threads", "4");
    props.put("num.recovery.threads.per.data.dir", "2");
    return props;
  }
}
