package dev.klaxon.schemas.history;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Backward compatibility of current schemas with every released version (design §4): a consumer
 * on the current schema must read data written with any older one. Uses Avro's own
 * {@link SchemaCompatibility}, the rules the decoder applies when it resolves writer to reader.
 */
public final class SchemaEvolutionCheck {

  private SchemaEvolutionCheck() {}

  /** One line per problem, naming the schema, the released version and the field; empty if none. */
  public static List<String> problems(Collection<Schema> current, SchemaHistory history) {
    List<String> problems = new ArrayList<>();
    for (Schema schema : current) {
      problems.addAll(problems(schema, history.versions(schema.getName())));
    }
    return problems;
  }

  /** Problems of {@code current} reading data written with {@code released} (v1 first). */
  public static List<String> problems(Schema current, List<Schema> released) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < released.size(); i++) {
      SchemaPairCompatibility result =
          SchemaCompatibility.checkReaderWriterCompatibility(current, released.get(i));
      if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
        continue;
      }
      for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
        problems.add(current.getFullName() + " cannot read data written with released v" + (i + 1)
            + ": " + incompatibility.getType() + " at " + incompatibility.getLocation() + ": "
            + incompatibility.getMessage());
      }
    }
    return problems;
  }
}
