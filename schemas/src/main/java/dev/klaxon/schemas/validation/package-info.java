/**
 * The value rules of Klaxon's input events, once: {@link dev.klaxon.schemas.validation.EventRules}
 * checks a RequestEvent, LogEvent or CostEvent against {@link dev.klaxon.schemas.validation.EventLimits}
 * and returns a {@link dev.klaxon.schemas.validation.FieldViolation} per broken rule, each naming
 * its field. Used by the JSON parser (after its type checks), the emitter and the processor.
 */
package dev.klaxon.schemas.validation;
