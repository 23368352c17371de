package dev.klaxon.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The rules of one file, in file order, every one checked, and the file's spend {@link Budgets}: a file
 * with any problem does not load ({@link InvalidRulesException} lists them all). The format is design
 * §7; {@code default-rules.yaml} (this module's resource) is what Klaxon ships.
 */
public record RuleSet(List<Rule> rules, Budgets budgets) {

  /** The shipped rules' classpath resource. */
  public static final String DEFAULTS_RESOURCE = "/dev/klaxon/rules/default-rules.yaml";

  /** Names of shipped rules other parts of Klaxon read thresholds from (the demo's table). */
  public static final String HIGH_P95_LATENCY = "HighP95Latency";
  public static final String HIGH_ERROR_RATE = "HighErrorRate";

  public RuleSet {
    rules = List.copyOf(rules);
    budgets = budgets == null ? Budgets.NONE : budgets;
  }

  /** Rules without budgets. */
  public RuleSet(List<Rule> rules) {
    this(rules, Budgets.NONE);
  }

  /** Klaxon's shipped rules. */
  public static RuleSet defaults() {
    try (InputStream in = RuleSet.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the shipped rules " + DEFAULTS_RESOURCE + " are missing from the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "default-rules.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @throws InvalidRulesException naming every problem, or the file when it cannot be read */
  public static RuleSet load(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (NoSuchFileException e) {
      throw new InvalidRulesException(file.toString(), List.of("(file): does not exist"));
    } catch (IOException e) {
      throw new InvalidRulesException(file.toString(), List.of("(file): cannot be read: " + e.getMessage()));
    }
  }

  /**
   * @param source names the text in the exception's message, e.g. the file name
   * @throws InvalidRulesException naming every problem
   */
  public static RuleSet parse(String yaml, String source) {
    return new RuleParser(source).parse(yaml);
  }

  public Optional<Rule> rule(String name) {
    return rules.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** {@link #rule} for a rule that must be there, such as a shipped one. */
  public Rule require(String name) {
    return rule(name).orElseThrow(() -> new IllegalArgumentException("no rule named " + name));
  }

  public List<Rule> forMetric(Metric metric) {
    return rules.stream().filter(r -> r.metric() == metric).toList();
  }
}
