package dev.klaxon.cost.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;

/**
 * The spend API's JSON, for the server, the instances forwarding to each other and {@code klaxon
 * spend}. Amounts are {@link java.math.BigDecimal}s written in full ({@code 12.5}, never {@code
 * 1.25E+1}) and read back exactly.
 */
public final class SpendJson {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  private SpendJson() {}

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @throws JsonProcessingException when {@code json} is not a {@code type} */
  public static <T> T read(String json, Class<T> type) throws JsonProcessingException {
    return MAPPER.readValue(json, type);
  }

  /** {@code {"error": message}}. */
  public static String error(String message) {
    return MAPPER.createObjectNode().put("error", message).toString();
  }
}
