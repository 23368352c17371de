package dev.klaxon.schemas.serde.internal;

import org.apache.kafka.common.errors.SerializationException;

/** Builds the one message shape every refused record gets, so dead-letter headers read alike. */
public final class DecodeFailure {

  private DecodeFailure() {}

  public static SerializationException of(String type, String topic, String detail, Throwable cause) {
    String message = "cannot decode " + type + (topic == null ? "" : " from topic " + topic) + ": " + detail;
    return cause == null ? new SerializationException(message) : new SerializationException(message, cause);
  }

  /** "EOFException" or "AvroRuntimeException: Malformed data. Length is negative: -40". */
  public static String describe(Throwable cause) {
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
