package dev.klaxon.sink;

import dev.klaxon.schemas.Topics;
import dev.klaxon.sink.config.SinkConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the alert sink alone. Environment: {@code KLAXON_BOOTSTRAP_SERVERS} (localhost:9092),
 * {@code KLAXON_SINK_CONFIG} (routing YAML; default: the shipped seeds routing),
 * {@code KLAXON_TOPIC_PREFIX}, {@code KLAXON_SCHEMA_REGISTRY_URL}, {@code KLAXON_SINK_HTTP_PORT}
 * (9464), {@code KLAXON_SINK_API_PORT} (9465), {@code KLAXON_SINK_API_KEYS} (comma-separated) or
 * {@code KLAXON_SINK_API_KEYS_FILE} (one per line): the silences API's admin keys.
 */
public final class SinkMain {

  private SinkMain() {}

  public static void main(String[] args) throws InterruptedException {
    String bootstrap = env("KLAXON_BOOTSTRAP_SERVERS").orElse("localhost:9092");
    SinkConfig config = env("KLAXON_SINK_CONFIG").map(Path::of).map(SinkConfig::load).orElseGet(SinkConfig::defaults);
    SinkSettings settings = SinkSettings.defaults(bootstrap)
        .withTopics(new Topics(env("KLAXON_TOPIC_PREFIX").orElse(Topics.DEFAULT_PREFIX)))
        .withSchemaRegistryUrl(env("KLAXON_SCHEMA_REGISTRY_URL"))
        .withPorts(env("KLAXON_SINK_HTTP_PORT").map(Integer::parseInt).orElse(9464),
            env("KLAXON_SINK_API_PORT").map(Integer::parseInt).orElse(9465))
        .withApiTokens(apiKeys());
    AlertSink sink = AlertSink.start(config, settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sink.close();
      stopped.countDown();
    }, "klaxon-sink-shutdown"));
    stopped.await();
  }

  private static List<Secret> apiKeys() {
    List<String> keys = new ArrayList<>();
    env("KLAXON_SINK_API_KEYS").ifPresent(value -> keys.addAll(Arrays.asList(value.split(","))));
    env("KLAXON_SINK_API_KEYS_FILE").ifPresent(file -> {
      try {
        keys.addAll(Files.readAllLines(Path.of(file)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read KLAXON_SINK_API_KEYS_FILE", e);
      }
    });
    return keys.stream().map(String::strip).filter(k -> !k.isEmpty()).map(Secret::of).toList();
  }

  private static Optional<String> env(String name) {
    return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
  }
}
