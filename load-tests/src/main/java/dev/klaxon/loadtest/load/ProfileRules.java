package dev.klaxon.loadtest.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.klaxon.rules.RuleSet;
import dev.klaxon.runtime.config.ConfigException;
import dev.klaxon.runtime.config.YamlConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The rules a load run evaluates: the shipped file with the profile's overrides laid over the named
 * rules and its budgets added, then parsed and checked like any rules file, so an override the rules'
 * own checks refuse fails the run before it starts.
 */
public final class ProfileRules {

  private static final ObjectMapper YAML = new YAMLMapper();

  private ProfileRules() {}

  public static RuleSet build(LoadProfile.Rules rules) {
    ObjectNode file = (ObjectNode) shippedTree();
    for (Map.Entry<String, Map<String, Object>> override : rules.overrides().entrySet()) {
      ObjectNode rule = null;
      for (JsonNode candidate : file.path("rules")) {
        if (candidate.path("name").asText().equals(override.getKey())) {
          rule = (ObjectNode) candidate;
        }
      }
      if (rule == null) {
        throw new ConfigException("rules.overrides." + override.getKey() + ": no shipped rule of that name");
      }
      YamlConfig.merge(rule, YAML.valueToTree(override.getValue()));
    }
    if (!rules.budgets().isEmpty()) {
      file.set("budgets", YAML.valueToTree(rules.budgets()));
    }
    try {
      return RuleSet.parse(YAML.writeValueAsString(file), "the shipped rules with the profile's rules section");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode shippedTree() {
    try (InputStream in = RuleSet.class.getResourceAsStream(RuleSet.DEFAULTS_RESOURCE)) {
      return YAML.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
