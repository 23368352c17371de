/**
 * A small client for the Confluent Schema Registry REST API (v1), written against its public
 * reference because {@code io.confluent} artifacts are not on Maven Central: register, look up,
 * schema by id, latest version, compatibility check. Errors carry the documented
 * {@code error_code} (40401 subject not found, 409 incompatible, 42201 invalid schema, 5000x).
 */
package dev.klaxon.schemas.registry;
