package dev.klaxon.rules;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A rule's {@code where}: each named label must have one of the listed values
 * ({@code where: {environment: production}} or {@code where: {service: [checkout, payments]}}).
 * Exact values only: a regex or negation would be one more syntax to learn for little gain while
 * services are listed by name.
 */
public record LabelFilter(Map<String, Set<String>> allowed) {

  public static final LabelFilter ANY = new LabelFilter(Map.of());

  public LabelFilter {
    allowed = Map.copyOf(allowed);
  }

  /** Whether {@code labels} pass; a label the filter names but the series lacks fails. */
  public boolean matches(Map<String, String> labels) {
    return allowed.entrySet().stream().allMatch(e -> e.getValue().contains(labels.get(e.getKey())));
  }

  public boolean names(String label) {
    return allowed.containsKey(label);
  }

  @Override
  public String toString() {
    return new TreeMap<>(allowed).entrySet().stream()
        .map(e -> e.getKey() + "=" + (e.getValue().size() == 1 ? e.getValue().iterator().next()
            : e.getValue().stream().sorted().collect(Collectors.joining("|"))))
        .collect(Collectors.joining(",", "{", "}"));
  }
}
