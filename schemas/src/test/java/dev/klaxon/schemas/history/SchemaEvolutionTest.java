package dev.klaxon.schemas.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.RequestEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The build's schema-evolution gate (design §4): runs in {@code mvn verify} and fails it when a
 * current schema cannot read data written with a released version.
 */
class SchemaEvolutionTest {

  static final Path AVRO_SOURCES = Path.of("src/main/avro");
  static final Path HISTORY_SOURCES = Path.of("src/main/resources", SchemaHistory.BUNDLED_ROOT);

  @Test
  void everyCurrentSchemaReadsDataOfEveryReleasedVersion() throws IOException {
    List<String> problems =
        SchemaEvolutionCheck.problems(CurrentSchemas.in(AVRO_SOURCES), SchemaHistory.bundled());

    assertThat(problems)
        .as("breaking schema changes; add fields as optional with a default (schemas/README.md)")
        .isEmpty();
  }

  @Test
  void everyCurrentSchemaHasBeenReleased() throws IOException {
    List<Schema> current = CurrentSchemas.in(AVRO_SOURCES);

    assertThat(current).extracting(Schema::getName)
        .contains("RequestEvent", "LogEvent", "CostEvent", "RequestWindow", "LogWindow",
            "SpendWindow", "Alert", "LogLevel");
    assertThat(current)
        .as("schemas without a released version: release them (schemas/README.md)")
        .allSatisfy(schema ->
            assertThat(SchemaHistory.bundled().versions(schema.getName())).isNotEmpty());
  }

  @Test
  void catchesANewRequiredFieldWithoutDefault() {
    Schema current = RequestEvent.getClassSchema();
    Schema breaking = withField(current, new Schema.Field("region", Schema.create(Schema.Type.STRING)));

    List<String> problems = SchemaEvolutionCheck.problems(breaking, List.of(current));

    assertThat(problems).singleElement().asString()
        .contains("dev.klaxon.schemas.RequestEvent", "released v1", "READER_FIELD_MISSING_DEFAULT_VALUE",
            "region");
  }

  @Test
  void catchesAFieldTypeChange() {
    Schema released = SchemaBuilder.record("Ping").namespace("dev.klaxon.test").fields()
        .requiredLong("count").endRecord();
    Schema narrowed = SchemaBuilder.record("Ping").namespace("dev.klaxon.test").fields()
        .requiredInt("count").endRecord();

    assertThat(SchemaEvolutionCheck.problems(narrowed, List.of(released))).singleElement().asString()
        .contains("TYPE_MISMATCH", "/fields/0/type");
  }

  @Test
  void catchesARemovedEnumSymbolAgainstAnyOlderVersion() {
    Schema v1 = SchemaBuilder.enumeration("Level").symbols("info", "error");
    Schema v2 = SchemaBuilder.enumeration("Level").symbols("info", "error", "fatal");
    Schema current = SchemaBuilder.enumeration("Level").symbols("info", "fatal");

    assertThat(SchemaEvolutionCheck.problems(current, List.of(v1, v2)))
        .hasSize(2)
        .allSatisfy(problem -> assertThat(problem).contains("MISSING_ENUM_SYMBOLS"))
        .anySatisfy(problem -> assertThat(problem).contains("released v1"))
        .anySatisfy(problem -> assertThat(problem).contains("released v2"));
  }

  @Test
  void acceptsAnOptionalFieldWithDefault() {
    Schema current = RequestEvent.getClassSchema();
    Schema optional = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
    Schema evolved = withField(current, new Schema.Field("region", optional, "region", Schema.Field.NULL_DEFAULT_VALUE));

    assertThat(SchemaEvolutionCheck.problems(evolved, List.of(current))).isEmpty();
  }

  /**
   * Not a check: the release step. {@code mvn -B -q -pl schemas verify -Dklaxon.schemas.release=true}
   * writes the next version of every schema that changed since its last release.
   */
  @Test
  @EnabledIfSystemProperty(named = "klaxon.schemas.release", matches = "true")
  void releaseChangedSchemas() throws IOException {
    List<Path> written = SchemaRelease.release(CurrentSchemas.in(AVRO_SOURCES), HISTORY_SOURCES);

    written.forEach(path -> System.out.println("released " + path));
    assertThat(SchemaRelease.release(CurrentSchemas.in(AVRO_SOURCES), HISTORY_SOURCES)).isEmpty();
  }

  static Schema withField(Schema record, Schema.Field extra) {
    List<Schema.Field> fields = new java.util.ArrayList<>();
    record.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
    fields.add(extra);
    return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
  }
}
