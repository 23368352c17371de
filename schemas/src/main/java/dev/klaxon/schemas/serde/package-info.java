/**
 * Kafka serdes of Klaxon's Avro records (design §5): {@link dev.klaxon.schemas.serde.AvroSerde}
 * writes Avro single-object encoding (embedded mode) or the Confluent wire format (registry mode)
 * and reads both, told apart by the first byte. The {@code internal} package holds the codecs.
 */
package dev.klaxon.schemas.serde;
