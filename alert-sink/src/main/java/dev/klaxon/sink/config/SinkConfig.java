package dev.klaxon.sink.config;

import dev.klaxon.sink.InvalidConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The alert sink's routing configuration, Alertmanager-shaped ({@code route}, {@code receivers},
 * {@code inhibit_rules}), parsed strictly and checked (design §8). Immutable.
 *
 * @param warnings things that work but are probably mistakes (e.g. a receiver nothing routes to)
 */
public record SinkConfig(RouteConfig route, List<ReceiverConfig> receivers, List<InhibitRuleConfig> inhibitRules,
    List<String> warnings) {

  /** Classpath resource of the shipped defaults (seeds: critical → PagerDuty + Slack, ...). */
  public static final String DEFAULT_RESOURCE = "/dev/klaxon/sink/default-sink.yaml";

  /**
   * Classpath resource of the routing for a single machine ({@code klaxon run --embedded}): the same
   * tree, every receiver the sink's log, so alerts show without any webhook configured.
   */
  public static final String EMBEDDED_RESOURCE = "/dev/klaxon/sink/embedded-sink.yaml";

  public SinkConfig {
    receivers = List.copyOf(receivers);
    inhibitRules = List.copyOf(inhibitRules);
    warnings = List.copyOf(warnings);
  }

  /** @throws InvalidConfigException listing every problem, each with its path */
  public static SinkConfig parse(String yaml) {
    return new SinkConfigParser().parse(yaml);
  }

  public static SinkConfig load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public static SinkConfig defaults() {
    return parse(defaultYaml());
  }

  public static SinkConfig embedded() {
    return parse(resource(EMBEDDED_RESOURCE));
  }

  public static String defaultYaml() {
    return resource(DEFAULT_RESOURCE);
  }

  private static String resource(String name) {
    try (InputStream in = SinkConfig.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Optional<ReceiverConfig> receiver(String name) {
    return receivers.stream().filter(r -> r.name().equals(name)).findFirst();
  }
}
