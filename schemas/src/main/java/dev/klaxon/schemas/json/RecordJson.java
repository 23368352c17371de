package dev.klaxon.schemas.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Renders any Klaxon Avro record (events, windows, alerts) as one line of JSON with the Avro field
 * names, for {@code klaxon tail}. Events (request, log, cost) start with their {@code type}, so a
 * tailed line can be sent back through {@link EventJsonParser} unchanged.
 *
 * <ul>
 *   <li>enums as their symbol; maps as objects; nulls as null; timestamps as epoch ms numbers
 *   <li>decimals as JSON numbers in plain notation with their exact value, trailing zeros dropped
 *       ({@code 0.0123}, not {@code 1.23E-2} or a double approximation); consumers needing exact
 *       money should read them as decimals
 *   <li>bytes and fixed (the RequestWindow {@code histogram}) as standard base64
 *   <li>NaN and infinite doubles as the strings {@code "NaN"}, {@code "Infinity"}, since JSON has no
 *       such numbers
 * </ul>
 *
 * Walks the schema directly into a streaming generator: no tree, no reflection.
 */
public final class RecordJson {

  private static final JsonFactory FACTORY = JsonFactory.builder().build();
  private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

  private RecordJson() {
  }

  public static String toJson(IndexedRecord record) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      write(record, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen: writing to memory
    }
    return out.toString();
  }

  /** Writes {@code record} as one JSON object to {@code json}, for callers streaming many records. */
  public static void write(IndexedRecord record, JsonGenerator json) throws IOException {
    json.writeStartObject();
    EventType type = EventType.of(record).orElse(null);
    if (type != null) {
      json.writeStringField(EventType.FIELD, type.jsonName());
    }
    writeFields(record, json);
    json.writeEndObject();
  }

  private static void writeFields(IndexedRecord record, JsonGenerator json) throws IOException {
    for (Schema.Field field : record.getSchema().getFields()) {
      json.writeFieldName(field.name());
      writeValue(field.schema(), record.get(field.pos()), json);
    }
  }

  private static void writeValue(Schema schema, Object value, JsonGenerator json) throws IOException {
    if (value == null) {
      json.writeNull();
      return;
    }
    switch (schema.getType()) {
      case UNION -> writeValue(branchOf(schema, value), value, json);
      case RECORD -> {
        json.writeStartObject();
        writeFields((IndexedRecord) value, json);
        json.writeEndObject();
      }
      case ENUM, STRING -> json.writeString(value.toString());
      case INT -> json.writeNumber((Integer) value);
      case LONG -> json.writeNumber((Long) value);
      case FLOAT -> writeDouble((Float) value, json);
      case DOUBLE -> writeDouble((Double) value, json);
      case BOOLEAN -> json.writeBoolean((Boolean) value);
      case BYTES, FIXED -> writeBytes(schema, value, json);
      case MAP -> {
        json.writeStartObject();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          json.writeFieldName(entry.getKey().toString());
          writeValue(schema.getValueType(), entry.getValue(), json);
        }
        json.writeEndObject();
      }
      case ARRAY -> {
        json.writeStartArray();
        for (Object element : (Collection<?>) value) {
          writeValue(schema.getElementType(), element, json);
        }
        json.writeEndArray();
      }
      case NULL -> json.writeNull();
    }
  }

  private static void writeDouble(double value, JsonGenerator json) throws IOException {
    if (Double.isFinite(value)) {
      json.writeNumber(value);
    } else {
      json.writeString(Double.toString(value));
    }
  }

  private static void writeBytes(Schema schema, Object value, JsonGenerator json) throws IOException {
    LogicalType logical = schema.getLogicalType();
    if (logical instanceof LogicalTypes.Decimal) {
      // Generated classes hold BigDecimal already; generic records hold the raw bytes.
      BigDecimal decimal = value instanceof BigDecimal d ? d
          : value instanceof ByteBuffer b ? DECIMALS.fromBytes(b.duplicate(), schema, logical)
          : DECIMALS.fromFixed((GenericFixed) value, schema, logical);
      json.writeNumber(plain(decimal));
      return;
    }
    if (value instanceof GenericFixed fixed) {
      json.writeBinary(fixed.bytes());
      return;
    }
    ByteBuffer bytes = ((ByteBuffer) value).duplicate(); // leave the record's buffer position alone
    if (bytes.hasArray()) {
      json.writeBinary(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
    } else {
      byte[] copy = new byte[bytes.remaining()];
      bytes.get(copy);
      json.writeBinary(copy);
    }
  }

  /** Plain digits, trailing zeros dropped; a string, so the generator cannot switch to E notation. */
  private static String plain(BigDecimal decimal) {
    return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
  }

  private static Schema branchOf(Schema union, Object value) {
    // Klaxon's unions are ["null", X]: the value is not null here, so X is the branch.
    if (union.getTypes().size() == 2 && union.getTypes().get(0).getType() == Schema.Type.NULL) {
      return union.getTypes().get(1);
    }
    if (value instanceof GenericContainer container) {
      return container.getSchema();
    }
    return union.getTypes().get(GenericData.get().resolveUnion(union, value));
  }
}
