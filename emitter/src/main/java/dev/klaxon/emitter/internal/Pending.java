package dev.klaxon.emitter.internal;

import org.apache.avro.specific.SpecificRecord;

/** An accepted event and its acceptance number: 1, 2, 3… in queue order. */
public record Pending(long seq, SpecificRecord event) {}
