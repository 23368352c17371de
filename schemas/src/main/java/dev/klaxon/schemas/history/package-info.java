/**
 * Released versions of Klaxon's schemas ({@code avro-history/<Name>/v<N>.avsc} on the classpath),
 * the backward-compatibility check that gates the build, and the release step that records new
 * versions. See {@code schemas/README.md}.
 */
package dev.klaxon.schemas.history;
