package dev.klaxon.sink.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares a payload with {@code src/test/resources/notify/<name>}. Run with
 * {@code -Dgolden.update=true} to rewrite the files after an intended change, then review the diff.
 */
public final class Golden {

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Golden() {}

  public static void assertMatches(String name, String actualJson) {
    try {
      JsonNode actual = MAPPER.readTree(actualJson);
      String pretty = MAPPER.writeValueAsString(actual) + "\n";
      if (Boolean.getBoolean("golden.update")) {
        Path file = Path.of("src/test/resources/notify", name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, pretty);
        return;
      }
      try (InputStream in = Golden.class.getResourceAsStream("/notify/" + name)) {
        assertThat(in).as("golden file notify/%s (create it with -Dgolden.update=true)", name).isNotNull();
        JsonNode expected = MAPPER.readTree(in);
        assertThat(pretty).as("payload against golden file notify/%s", name).isEqualTo(MAPPER.writeValueAsString(expected) + "\n");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
