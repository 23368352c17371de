package dev.klaxon.schemas.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The schemas of a source directory of {@code .avsc} files, as the build compiled them: each file's
 * generated class supplies the complete schema (referenced named types inlined), which is exactly
 * what producers write and what a released version must record.
 */
public final class CurrentSchemas {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CurrentSchemas() {}

  public static List<Schema> in(Path avroSourceDir) throws IOException {
    List<Schema> schemas = new ArrayList<>();
    try (Stream<Path> files = Files.list(avroSourceDir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
        schemas.add(compiled(file));
      }
    }
    return schemas;
  }

  private static Schema compiled(Path file) throws IOException {
    JsonNode json = MAPPER.readTree(file.toFile());
    String name = json.path("name").asText();
    String namespace = json.path("namespace").asText("");
    String className = name.contains(".") || namespace.isEmpty() ? name : namespace + "." + name;
    try {
      return SpecificData.get().getSchema(Class.forName(className));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(file + " declares " + className + ", which was not generated", e);
    }
  }
}
