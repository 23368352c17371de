package dev.klaxon.sink.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.json.RecordJson;
import dev.klaxon.sink.notify.delivery.DeadLetter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A notification delivery gave up on, as a {@code klaxon.deadletter} record: keyed by group key,
 * the value is the group as JSON (the alerts as {@code klaxon tail} prints them), so it can be read
 * and re-sent by hand; headers say why. Holds no secret: reasons are redacted by the notifiers and
 * the receiver is named, not its URL.
 */
public final class DeadLetterRecords {

  public static final String ERROR = "klaxon.error";
  public static final String RECEIVER = "klaxon.receiver";
  public static final String INTEGRATION = "klaxon.integration";
  public static final String ATTEMPTS = "klaxon.attempts";

  private static final ObjectMapper JSON = new ObjectMapper();

  private DeadLetterRecords() {}

  public static ProducerRecord<String, byte[]> of(String topic, DeadLetter letter) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(ERROR, bytes(letter.reason()));
    headers.add(RECEIVER, bytes(letter.receiver()));
    headers.add(INTEGRATION, bytes(letter.integration()));
    headers.add(ATTEMPTS, bytes(Integer.toString(letter.attempts())));
    return new ProducerRecord<>(topic, null, letter.at().toEpochMilli(), letter.group().groupKey(), value(letter),
        headers);
  }

  private static byte[] value(DeadLetter letter) {
    ObjectNode node = JSON.createObjectNode();
    node.put("groupKey", letter.group().groupKey());
    node.put("receiver", letter.receiver());
    node.put("integration", letter.integration());
    node.put("reason", letter.reason());
    node.put("permanent", letter.permanent());
    node.put("attempts", letter.attempts());
    ArrayNode alerts = node.putArray("alerts");
    try {
      for (Alert alert : letter.group().alerts()) {
        alerts.add(JSON.readTree(RecordJson.toJson(alert)));
      }
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
