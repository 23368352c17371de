package dev.klaxon.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.LogWindow;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.SpendWindow;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.json.RecordJson;
import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.schemas.serde.AvroSerdes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;

/** Which record type each Klaxon topic holds, and how to print one as a JSON line. */
final class TopicFormats {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Map<String, AvroSerde<? extends SpecificRecord>> serdes;
  private final String deadLetterTopic;

  TopicFormats(Topics topics, AvroSerdes avro) {
    this.deadLetterTopic = topics.deadLetter();
    this.serdes = Map.of(
        topics.requests(), avro.forValues(RequestEvent.class),
        topics.logs(), avro.forValues(LogEvent.class),
        topics.costs(), avro.forValues(CostEvent.class),
        topics.requestMetrics(), avro.forValues(RequestWindow.class),
        topics.openRequestMetrics(), avro.forValues(RequestWindow.class),
        topics.logMetrics(), avro.forValues(LogWindow.class),
        topics.openLogMetrics(), avro.forValues(LogWindow.class),
        topics.spendMetrics(), avro.forValues(SpendWindow.class),
        topics.alerts(), avro.forValues(Alert.class));
  }

  boolean knows(String topic) {
    return serdes.containsKey(topic) || topic.equals(deadLetterTopic);
  }

  /** One JSON line; records that do not decode are shown raw with the reason, never dropped. */
  String toJsonLine(ConsumerRecord<byte[], byte[]> record) {
    AvroSerde<? extends SpecificRecord> serde = serdes.get(record.topic());
    if (serde != null) {
      try {
        return RecordJson.toJson(serde.decode(record.topic(), record.value()));
      } catch (SerializationException e) {
        return raw(record, e.getMessage());
      }
    }
    return raw(record, null);
  }

  private static String raw(ConsumerRecord<byte[], byte[]> record, String error) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("topic", record.topic());
    node.put("partition", record.partition());
    node.put("offset", record.offset());
    if (error != null) {
      node.put("error", error);
    }
    node.put("key", record.key() == null ? null : text(record.key()));
    node.put("valueBase64", record.value() == null ? null : Base64.getEncoder().encodeToString(record.value()));
    ObjectNode headers = node.putObject("headers");
    for (Header header : record.headers()) {
      headers.put(header.key(), header.value() == null ? null : text(header.value()));
    }
    return node.toString();
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

}
