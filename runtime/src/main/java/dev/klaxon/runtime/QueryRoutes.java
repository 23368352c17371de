package dev.klaxon.runtime;

import com.sun.net.httpserver.HttpHandler;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * HTTP routes a Streams role serves from its state stores (interactive queries), on the same port as
 * {@code /metrics} and {@code /health}. That port, with {@code advertisedHost}, is the instance's
 * {@code application.server}: what the other instances of the app call to reach its part of the state.
 *
 * @param advertisedHost host name or address the other instances reach this one by
 * @param routes given the app and this instance's {@code application.server}, handlers by path prefix
 */
public record QueryRoutes(String advertisedHost, BiFunction<KafkaStreams, HostInfo, Map<String, HttpHandler>> routes) {}
