/**
 * The emitter applications embed: {@link dev.klaxon.emitter.Klaxon} (built with
 * {@link dev.klaxon.emitter.Klaxon#builder()}), its event builders, {@link
 * dev.klaxon.emitter.EmitterStats} and {@link dev.klaxon.emitter.DropReason}. Everything else lives
 * in {@code internal} and may change.
 */
package dev.klaxon.emitter;
