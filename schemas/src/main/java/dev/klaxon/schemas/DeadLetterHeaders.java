package dev.klaxon.schemas;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Headers on a {@code klaxon.deadletter} record: why it is there and where it came from. The record
 * keeps the original key and value bytes, so it can be inspected and replayed. Every module that
 * dead-letters input uses these, so one consumer can read them all.
 */
public final class DeadLetterHeaders {

  public static final String ERROR = "klaxon.error";
  public static final String ERROR_CLASS = "klaxon.error.class";
  public static final String SOURCE_TOPIC = "klaxon.source.topic";
  public static final String SOURCE_PARTITION = "klaxon.source.partition";
  public static final String SOURCE_OFFSET = "klaxon.source.offset";

  private DeadLetterHeaders() {}

  public static Headers describe(Headers original, Exception error, String topic, int partition, long offset) {
    Headers headers = new RecordHeaders(original.toArray());
    put(headers, ERROR, error.getMessage() == null ? error.toString() : error.getMessage());
    put(headers, ERROR_CLASS, error.getClass().getName());
    put(headers, SOURCE_TOPIC, topic);
    put(headers, SOURCE_PARTITION, Integer.toString(partition));
    put(headers, SOURCE_OFFSET, Long.toString(offset));
    return headers;
  }

  private static void put(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
