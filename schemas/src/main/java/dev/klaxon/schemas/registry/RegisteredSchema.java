package dev.klaxon.schemas.registry;

import org.apache.avro.Schema;

/** One version of a subject as the registry stores it: global id, version within the subject. */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {}
