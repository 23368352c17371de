package dev.klaxon.sink.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.DeadLetterHeaders;
import dev.klaxon.schemas.json.RecordJson;
import dev.klaxon.sink.notify.delivery.DeadLetter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A notification the delivery stage gave up on, as a {@code klaxon.deadletter} record, keyed by
 * group key. The value is the alert group as JSON (alerts as {@code klaxon tail} prints them), not
 * the rendered provider message: a rendered PagerDuty event carries its routing key, and the group
 * can be read, and re-sent through any receiver, without knowing the provider's format. Headers
 * follow the processor's dead letters ({@code klaxon.error}) and name the receiver and the entry
 * ({@code webhook[0]}), never its URL or key; the reason was masked by the notifier.
 */
public final class DeadLetterRecords {

  public static final String ERROR = DeadLetterHeaders.ERROR;
  public static final String RECEIVER = "klaxon.receiver";
  public static final String INTEGRATION = "klaxon.integration";
  public static final String ATTEMPTS = "klaxon.attempts";

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private DeadLetterRecords() {}

  public static ProducerRecord<String, byte[]> of(String topic, DeadLetter letter) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(ERROR, utf8(letter.reason()));
    headers.add(RECEIVER, utf8(letter.receiver()));
    headers.add(INTEGRATION, utf8(letter.integration()));
    headers.add(ATTEMPTS, utf8(Integer.toString(letter.attempts())));
    return new ProducerRecord<>(topic, null, letter.at().toEpochMilli(), letter.group().groupKey(),
        value(letter), headers);
  }

  private static byte[] value(DeadLetter letter) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("groupKey", letter.group().groupKey());
      json.writeStringField("receiver", letter.receiver());
      json.writeStringField("integration", letter.integration());
      json.writeStringField("reason", letter.reason());
      json.writeBooleanField("permanent", letter.permanent());
      json.writeNumberField("attempts", letter.attempts());
      json.writeNumberField("failedAt", letter.at().toEpochMilli());
      json.writeObjectFieldStart("groupLabels");
      for (Map.Entry<String, String> label : new TreeMap<>(letter.group().groupLabels()).entrySet()) {
        json.writeStringField(label.getKey(), label.getValue());
      }
      json.writeEndObject();
      json.writeArrayFieldStart("alerts");
      for (Alert alert : letter.group().alerts()) {
        RecordJson.write(alert, json);
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen: writing to memory
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
