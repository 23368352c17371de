package dev.klaxon.processor;

import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.schemas.validation.EventRules;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/** The decode step of the topologies: bytes to an event that passed the event rules. */
final class Decoding {

  private Decoding() {}

  /**
   * Decodes records of {@code topic} and applies {@code rules}; throws, naming the problem, for a
   * tombstone, bytes that are not an event, or an event that breaks a rule, so the decoding
   * processor dead-letters it instead of aggregating it.
   */
  static <E extends SpecificRecord> Function<byte[], E> validEvents(AvroSerde<E> serde, String topic,
      EventRules rules) {
    return bytes -> rules.requireValid(require(serde.decode(topic, bytes)));
  }

  static <T> T require(T decoded) {
    if (decoded == null) {
      throw new IllegalArgumentException("record has no value (null or tombstone)");
    }
    return decoded;
  }
}
