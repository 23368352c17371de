package dev.klaxon.schemas.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.message.SchemaStore;

/**
 * The released versions of each schema, read from the classpath as {@code <root>/<Name>/v1.avsc},
 * {@code v2.avsc}, … (each file self-contained: named types inlined). The bundled history lives in
 * {@code src/main/resources/avro-history} and ships in the jar, so decoders know every schema a
 * released Klaxon may have written.
 */
public final class SchemaHistory {

  public static final String BUNDLED_ROOT = "avro-history";

  private static final SchemaHistory BUNDLED =
      new SchemaHistory(SchemaHistory.class.getClassLoader(), BUNDLED_ROOT);

  private final ClassLoader loader;
  private final String root;
  private final ConcurrentMap<String, List<Schema>> versionsByName = new ConcurrentHashMap<>();

  private SchemaHistory(ClassLoader loader, String root) {
    this.loader = loader;
    this.root = root;
  }

  /** The history shipped with this module. */
  public static SchemaHistory bundled() {
    return BUNDLED;
  }

  /** A history under another classpath root, e.g. for tests and tools. */
  public static SchemaHistory fromClasspath(ClassLoader loader, String root) {
    return new SchemaHistory(loader, root);
  }

  /** Released versions of the schema named {@code name} (simple name), oldest first; may be empty. */
  public List<Schema> versions(String name) {
    return versionsByName.computeIfAbsent(name, this::load);
  }

  /**
   * A store that finds {@code current} and every released version of it by fingerprint, for
   * Avro single-object decoding of data written by older producers.
   */
  public SchemaStore knownVersions(Schema current) {
    SchemaStore.Cache store = new SchemaStore.Cache();
    versions(current.getName()).forEach(store::addSchema);
    store.addSchema(current);
    return store;
  }

  private List<Schema> load(String name) {
    List<Schema> versions = new ArrayList<>();
    for (int version = 1; ; version++) {
      String path = root + "/" + name + "/v" + version + ".avsc";
      URL url = loader.getResource(path);
      if (url == null) {
        return List.copyOf(versions);
      }
      versions.add(parse(url, path, name));
    }
  }

  private static Schema parse(URL url, String path, String expectedName) {
    try (InputStream in = url.openStream()) {
      Schema schema = new Schema.Parser().parse(in);
      if (!schema.getName().equals(expectedName)) {
        throw new IllegalStateException(path + " holds schema " + schema.getFullName()
            + ", expected " + expectedName);
      }
      return schema;
    } catch (SchemaParseException e) {
      throw new IllegalStateException("released schema " + path + " does not parse: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read released schema " + path, e);
    }
  }
}
