/**
 * Stage one: {@link dev.klaxon.sink.route.RouterStage} reads {@code klaxon.alerts}, the
 * {@link dev.klaxon.sink.route.Router} matches each alert against the route tree, and the stage writes
 * it to the group-state topic once per matching route, in the partition of its group key
 * ({@link dev.klaxon.sink.route.GroupKeys}). Next: {@code group}.
 */
package dev.klaxon.sink.route;
