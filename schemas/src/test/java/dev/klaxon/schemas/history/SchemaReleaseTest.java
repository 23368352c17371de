package dev.klaxon.schemas.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.RequestEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaReleaseTest {

  @TempDir Path history;

  @Test
  void firstReleaseWritesV1OfEachSchemaSelfContained() throws IOException {
    List<Path> written = SchemaRelease.release(List.of(RequestEvent.getClassSchema(),
        LogEvent.getClassSchema()), history);

    assertThat(written).containsExactly(history.resolve("RequestEvent/v1.avsc"),
        history.resolve("LogEvent/v1.avsc"));
    // LogEvent refers to LogLevel: the released file must parse alone.
    assertThat(new Schema.Parser().parse(history.resolve("LogEvent/v1.avsc").toFile()))
        .isEqualTo(LogEvent.getClassSchema());
  }

  @Test
  void unchangedSchemasAreNotReleasedAgain() throws IOException {
    SchemaRelease.release(List.of(RequestEvent.getClassSchema()), history);

    assertThat(SchemaRelease.release(List.of(RequestEvent.getClassSchema()), history)).isEmpty();
  }

  @Test
  void aChangedSchemaGetsTheNextVersionAndOldOnesStay() throws IOException {
    SchemaRelease.release(List.of(RequestEvent.getClassSchema()), history);
    String v1 = Files.readString(history.resolve("RequestEvent/v1.avsc"));
    Schema evolved = SchemaEvolutionTest.withField(RequestEvent.getClassSchema(),
        new Schema.Field("region", Schema.create(Schema.Type.STRING), null, "eu"));

    assertThat(SchemaRelease.release(List.of(evolved), history))
        .containsExactly(history.resolve("RequestEvent/v2.avsc"));
    assertThat(Files.readString(history.resolve("RequestEvent/v1.avsc"))).isEqualTo(v1);
  }
}
