package dev.klaxon.schemas.serde.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * A {@link BinaryDecoder} that refuses lengths and counts larger than the record itself. Avro
 * allocates what a length prefix claims before reading the bytes, so one corrupt record claiming a
 * 1 GB string would cost a 1 GB allocation (or an OutOfMemoryError) instead of a quick refusal.
 * Nothing in a record can be longer than the record; every collection item of Klaxon's schemas
 * takes at least one byte. Not thread-safe: one per thread, re-pointed for each record.
 */
final class BoundedDecoder extends Decoder {

  private BinaryDecoder in;
  private long limit;

  BoundedDecoder reset(BinaryDecoder in, int recordLength) {
    this.in = in;
    this.limit = recordLength;
    return this;
  }

  boolean isEnd() throws IOException {
    return in.isEnd();
  }

  private int checkedLength(long length, String what) {
    if (length < 0 || length > limit) {
      throw new AvroRuntimeException(what + " claims " + length + " but the whole record is " + limit
          + " bytes");
    }
    return (int) length;
  }

  private byte[] readLengthPrefixed(String what) throws IOException {
    byte[] bytes = new byte[checkedLength(in.readLong(), what)];
    in.readFixed(bytes, 0, bytes.length);
    return bytes;
  }

  @Override
  public String readString() throws IOException {
    return new String(readLengthPrefixed("string length"), StandardCharsets.UTF_8);
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    int length = checkedLength(in.readLong(), "string length");
    Utf8 result = old != null ? old : new Utf8();
    result.setByteLength(length);
    in.readFixed(result.getBytes(), 0, length);
    return result;
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    return ByteBuffer.wrap(readLengthPrefixed("bytes length"));
  }

  @Override
  public long readArrayStart() throws IOException {
    return checkedLength(in.readArrayStart(), "array block count");
  }

  @Override
  public long arrayNext() throws IOException {
    return checkedLength(in.arrayNext(), "array block count");
  }

  @Override
  public long readMapStart() throws IOException {
    return checkedLength(in.readMapStart(), "map block count");
  }

  @Override
  public long mapNext() throws IOException {
    return checkedLength(in.mapNext(), "map block count");
  }

  @Override
  public void readNull() throws IOException {
    in.readNull();
  }

  @Override
  public boolean readBoolean() throws IOException {
    return in.readBoolean();
  }

  @Override
  public int readInt() throws IOException {
    return in.readInt();
  }

  @Override
  public long readLong() throws IOException {
    return in.readLong();
  }

  @Override
  public float readFloat() throws IOException {
    return in.readFloat();
  }

  @Override
  public double readDouble() throws IOException {
    return in.readDouble();
  }

  @Override
  public void skipString() throws IOException {
    in.skipString();
  }

  @Override
  public void skipBytes() throws IOException {
    in.skipBytes();
  }

  @Override
  public void readFixed(byte[] bytes, int start, int length) throws IOException {
    in.readFixed(bytes, start, length);
  }

  @Override
  public void skipFixed(int length) throws IOException {
    in.skipFixed(length);
  }

  @Override
  public int readEnum() throws IOException {
    return in.readEnum();
  }

  @Override
  public long skipArray() throws IOException {
    return in.skipArray();
  }

  @Override
  public long skipMap() throws IOException {
    return in.skipMap();
  }

  @Override
  public int readIndex() throws IOException {
    return in.readIndex();
  }
}
