package dev.klaxon.rules;

import java.util.List;

/**
 * A rule file that cannot be used, with every problem of the file, each naming its rule and key
 * (e.g. {@code rules[2](HighP95Latency).warning: ...}).
 */
public final class InvalidRulesException extends RuntimeException {

  private final List<String> problems;

  public InvalidRulesException(String source, List<String> problems) {
    super(source + " has " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
