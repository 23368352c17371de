package dev.klaxon.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.runtime.KafkaCluster;
import dev.klaxon.runtime.StreamsService;
import dev.klaxon.runtime.config.ConfigException;
import dev.klaxon.runtime.config.YamlConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code rules:} section of {@code klaxon.yaml}. Every key is optional; unknown keys are errors.
 * The rules themselves are a file of their own (design §7), checked with {@code klaxon rules check}.
 *
 * <pre>
 * rules:
 *   file: rules.yaml             # relative to klaxon.yaml; default: the shipped rules
 *   applicationId: klaxon-rules  # instances with the same id share the services
 *   stateDir: .klaxon/rules-state
 *   commitInterval: 100ms        # transitions reach the sink at the next commit
 *   absentLookback: 24h          # absent rules watch services seen this recently
 *   httpPort: 9467               # /metrics, /health/*; 0 = any free port, -1 = off
 *   kafka: {}                    # this role's clients only, over the shared kafka properties
 * </pre>
 */
public record RulesSection(String file, String applicationId, String stateDir, Duration commitInterval,
    Duration absentLookback, int httpPort, Map<String, String> kafka) {

  public static final int DEFAULT_HTTP_PORT = 9467;

  public static final RulesSection DEFAULTS = new RulesSection(null, EvaluatorSettings.DEFAULT_APPLICATION_ID,
      ".klaxon/state", EvaluatorSettings.DEFAULT_COMMIT_INTERVAL, EvaluatorConfig.DEFAULT_ABSENT_LOOKBACK,
      DEFAULT_HTTP_PORT, Map.of());

  public RulesSection {
    kafka = kafka == null ? Map.of() : Map.copyOf(kafka);
  }

  /**
   * The section as written (null: all defaults), checked strictly; errors name {@code rules.<key>}.
   *
   * @param baseDir where a relative {@code file} starts: the directory of {@code klaxon.yaml}
   */
  public static RulesSection from(JsonNode section, Path baseDir) {
    RulesSection bound = YamlConfig.bind(YamlConfig.merge(YamlConfig.tree(DEFAULTS), section), RulesSection.class,
        "rules");
    if (!StreamsService.isValidApplicationId(bound.applicationId())) {
      throw new ConfigException("rules.applicationId may hold only letters, digits, '.', '_' and '-': "
          + bound.applicationId());
    }
    if (bound.commitInterval().isNegative() || bound.commitInterval().isZero()) {
      throw new ConfigException("rules.commitInterval must be positive, got " + bound.commitInterval());
    }
    if (bound.absentLookback().toSeconds() < 1) {
      throw new ConfigException("rules.absentLookback must be at least 1s, got " + bound.absentLookback());
    }
    String file = bound.file() == null ? null : baseDir.resolve(bound.file()).toString();
    return new RulesSection(file, bound.applicationId(), bound.stateDir(), bound.commitInterval(),
        bound.absentLookback(), bound.httpPort(), bound.kafka());
  }

  /**
   * The rules file, checked (every problem at once: {@link InvalidRulesException}), or the shipped rules.
   *
   * @throws ConfigException when the file does not exist
   */
  public RuleSet ruleSet() {
    if (file == null) {
      return RuleSet.defaults();
    }
    if (!Files.isRegularFile(Path.of(file))) {
      throw new ConfigException("rules.file: " + file + " does not exist");
    }
    return RuleSet.load(Path.of(file));
  }

  /** What the rules read: the processor's window size (rules count its windows). */
  public EvaluatorConfig evaluatorConfig(dev.klaxon.schemas.Topics topics, Duration windowSize) {
    return EvaluatorConfig.defaults(topics).withWindowSize(windowSize).withAbsentLookback(absentLookback);
  }

  public EvaluatorSettings settings(KafkaCluster cluster) {
    return new EvaluatorSettings(cluster.bootstrapServers(), applicationId, Path.of(stateDir), commitInterval,
        httpPort, cluster.clientProperties(kafka), cluster.schemaRegistryUrl());
  }
}
