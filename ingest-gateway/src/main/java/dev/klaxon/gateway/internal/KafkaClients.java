package dev.klaxon.gateway.internal;

import dev.klaxon.runtime.config.ConfigException;
import dev.klaxon.gateway.GatewayConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The gateway's Kafka clients, from the pass-through {@code kafka.*} properties. */
final class KafkaClients {

  /**
   * Defaults the user may override. A request waits for its acknowledgement, so failures must
   * surface in seconds, not Kafka's minutes: a full buffer or missing metadata fails after
   * {@code max.block.ms}, an unreachable broker after {@code delivery.timeout.ms}.
   */
  static final Map<String, String> PRODUCER_DEFAULTS = Map.of(
      ProducerConfig.CLIENT_ID_CONFIG, "klaxon-gateway",
      ProducerConfig.LINGER_MS_CONFIG, "5",
      ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000",
      ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000",
      ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");

  private KafkaClients() {
  }

  static Map<String, Object> producerProperties(GatewayConfig config) {
    Map<String, Object> props = new HashMap<>(PRODUCER_DEFAULTS);
    props.putAll(config.kafka());
    // What 202 promises: every replica has it, and retries do not duplicate it.
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    return props;
  }

  static KafkaProducer<String, byte[]> producer(GatewayConfig config) {
    try {
      return new KafkaProducer<>(producerProperties(config), new StringSerializer(), new ByteArraySerializer());
    } catch (KafkaException e) {
      throw new ConfigException("invalid Kafka producer property under kafka: " + rootMessage(e));
    }
  }

  /** Only the properties an admin client knows, so producer tuning does not fill the log with warnings. */
  static Admin admin(GatewayConfig config) {
    Map<String, Object> props = new HashMap<>();
    config.kafka().forEach((key, value) -> {
      if (AdminClientConfig.configNames().contains(key)) {
        props.put(key, value);
      }
    });
    props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "klaxon-gateway-readiness");
    try {
      return Admin.create(props);
    } catch (KafkaException e) {
      throw new ConfigException("invalid Kafka admin property under kafka: " + rootMessage(e));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
