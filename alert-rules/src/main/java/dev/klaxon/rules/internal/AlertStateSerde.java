package dev.klaxon.rules.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link AlertState} as JSON in the state store and its changelog. JSON rather than Avro: the state is
 * the evaluator's own, never read by another component, and unknown fields are ignored so a newer
 * release can add some and still restore an older changelog.
 */
public final class AlertStateSerde implements Serde<AlertState> {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  @Override
  public Serializer<AlertState> serializer() {
    return (topic, state) -> {
      if (state == null) {
        return null;
      }
      try {
        return JSON.writeValueAsBytes(state);
      } catch (IOException e) {
        throw new SerializationException("cannot write alert state of " + state.rule, e);
      }
    };
  }

  @Override
  public Deserializer<AlertState> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return JSON.readValue(bytes, AlertState.class);
      } catch (IOException e) {
        throw new SerializationException("cannot read alert state: " + e.getMessage(), e);
      }
    };
  }
}
