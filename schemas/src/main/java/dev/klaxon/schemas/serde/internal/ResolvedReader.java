package dev.klaxon.schemas.serde.internal;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * How data of one writer schema becomes the serde's type: a reader resolving writer to reader
 * schema, or — when Avro's rules say it cannot — the reason, so the record is refused with a clear
 * message instead of failing half-way through decoding. Worth caching per writer schema.
 */
public record ResolvedReader<T>(DatumReader<T> reader, String incompatibility) {

  public static <T> ResolvedReader<T> resolve(Schema writer, Schema readerSchema, SpecificData model) {
    SchemaPairCompatibility compatibility =
        SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer);
    if (compatibility.getType() == SchemaCompatibilityType.COMPATIBLE) {
      return new ResolvedReader<>(new SpecificDatumReader<>(writer, readerSchema, model), null);
    }
    if (!writer.getFullName().equals(readerSchema.getFullName())) {
      return new ResolvedReader<>(null, "the record was written as " + writer.getFullName());
    }
    return new ResolvedReader<>(null, "its writer schema cannot be resolved to the reader schema: "
        + compatibility.getResult().getIncompatibilities().get(0).getMessage());
  }

  public boolean readable() {
    return reader != null;
  }
}
