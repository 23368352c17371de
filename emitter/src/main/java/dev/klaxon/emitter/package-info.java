/**
 * The emitter applications embed: {@link dev.klaxon.emitter.KlaxonEmitter} (built with
 * {@link dev.klaxon.emitter.KlaxonEmitter#builder()}), its event builders, {@link
 * dev.klaxon.emitter.EmitterStats} and {@link dev.klaxon.emitter.DropReason}. Everything else lives
 * in {@code internal} and may change.
 */
package dev.klaxon.emitter;
