/**
 * JSON ↔ Avro codec for Klaxon events: {@link dev.klaxon.schemas.json.EventJsonParser} turns JSON
 * (HTTP ingest, {@code klaxon send}) into RequestEvent, LogEvent and CostEvent records;
 * {@link dev.klaxon.schemas.json.RecordJson} renders any Klaxon record as one JSON line
 * ({@code klaxon tail}).
 *
 * <p>Rules (design §4, §9), each violation reported as a {@link dev.klaxon.schemas.json.FieldError}
 * naming the field, all of them collected, never just the first:
 * <ul>
 *   <li>{@code type} is exactly {@code request}, {@code log} or {@code cost}; the other field names
 *       are the Avro ones. Unknown fields are errors (with a did-you-mean for case typos such as
 *       {@code durationMS}) pointing to {@code attributes}.
 *   <li>JSON types are not coerced: {@code "200"} is not a status, {@code 3} is not an attribute
 *       value. The exceptions are the two the contract names: {@code timestamp} as epoch
 *       milliseconds (JSON integer) or ISO-8601 with offset, and {@code costUsd} as a JSON number
 *       or a decimal string.
 *   <li>{@code level} accepts any case ({@code ERROR}, {@code Warn}), because that is how logging
 *       libraries print levels; it is stored lower case. Aliases such as {@code warning} are not
 *       guessed.
 *   <li>Value rules (required fields, ranges, lengths, the bounds of
 *       {@link dev.klaxon.schemas.validation.EventLimits}) are not written here: the parser applies
 *       {@link dev.klaxon.schemas.validation.EventRules}, the same rules the emitter and the
 *       processor apply, to the record it read, with the future-timestamp check against an
 *       injected {@link java.time.Clock}. Errors come in the schema's field order.
 *   <li>A batch is all-or-nothing; malformed JSON yields a single error at the item where reading
 *       stopped, with line and column, since nothing after it can be trusted.
 * </ul>
 */
package dev.klaxon.schemas.json;
