/**
 * How the emitter works: the {@link dev.klaxon.emitter.internal.Backlog} (bounded queue plus
 * in-flight accounting that flush waits on), the one {@link dev.klaxon.emitter.internal.Sender}
 * thread, and the two {@link dev.klaxon.emitter.internal.Transport}s. Not an API.
 */
package dev.klaxon.emitter.internal;
