/**
 * The sink's HTTP API, beside the pipeline rather than in it: {@link dev.klaxon.sink.api.SinkApi}
 * (the server and its admin keys) with the silences and the {@code why} timeline. It changes who gets
 * paged, so it needs a bearer token, and with none configured listens on loopback only.
 */
package dev.klaxon.sink.api;
