package dev.klaxon.schemas.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Records a release: for every current schema that differs from its latest released version (or
 * has none), writes the next {@code <historyDir>/<Name>/v<N+1>.avsc}. Released files are never
 * rewritten; they are what old data was written with.
 */
public final class SchemaRelease {

  private SchemaRelease() {}

  /** Writes the new versions and returns their paths; nothing changed, nothing written. */
  public static List<Path> release(Collection<Schema> current, Path historyDir) throws IOException {
    List<Path> written = new ArrayList<>();
    for (Schema schema : current) {
      Path dir = historyDir.resolve(schema.getName());
      int latest = latestVersion(dir);
      if (latest > 0 && parse(dir.resolve("v" + latest + ".avsc")).equals(schema)) {
        continue;
      }
      Files.createDirectories(dir);
      Path file = dir.resolve("v" + (latest + 1) + ".avsc");
      Files.writeString(file, schema.toString(true) + "\n", StandardCharsets.UTF_8);
      written.add(file);
    }
    return written;
  }

  private static int latestVersion(Path dir) {
    int version = 0;
    while (Files.exists(dir.resolve("v" + (version + 1) + ".avsc"))) {
      version++;
    }
    return version;
  }

  private static Schema parse(Path file) throws IOException {
    return new Schema.Parser().parse(file.toFile());
  }
}
