package dev.klaxon.sink.notify.internal;

import dev.klaxon.schemas.Alert;
import dev.klaxon.sink.notify.AlertGroup;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What every chat message says about a group as a whole: status, severity, title, alert order. */
public final class GroupView {

  private final AlertGroup group;

  public GroupView(AlertGroup group) {
    this.group = group;
  }

  public AlertGroup group() {
    return group;
  }

  public Severities style() {
    return Severities.of(group);
  }

  public String status() {
    return group.isResolved() ? "resolved" : "firing";
  }

  /** Firing first, most urgent and then oldest first; then the resolved ones, oldest first. */
  public List<Alert> ordered() {
    Comparator<Alert> byStart = Comparator.comparingLong(Alert::getStartsAt);
    Comparator<Alert> tieBreak = Comparator.comparing(a -> a.getFingerprint().toString());
    return Stream.concat(
            group.firing().stream().sorted(Severities.MOST_URGENT_FIRST.thenComparing(byStart).thenComparing(tieBreak)),
            group.resolved().stream().sorted(byStart.thenComparing(tieBreak)))
        .toList();
  }

  /** The rule name every alert shares, if they do. */
  public Optional<String> commonRule() {
    List<String> rules = group.alerts().stream().map(a -> a.getRule().toString()).distinct().toList();
    return rules.size() == 1 ? Optional.of(rules.get(0)) : Optional.empty();
  }

  /** The group's rule names, most urgent first: "HighP95Latency, HighErrorRate"; past three, "and N more rules". */
  public String ruleNames() {
    List<String> rules = ordered().stream().map(Alert::getRule).distinct().toList();
    if (rules.size() <= 3) {
      return String.join(", ", rules);
    }
    return String.join(", ", rules.subList(0, 3)) + " and " + (rules.size() - 3) + " more rules";
  }

  /** Labels with the same value on every alert of the group, sorted by name. */
  public Map<String, String> commonLabels() {
    return common(group.alerts().stream().map(a -> stringMap(a.getLabels())).toList());
  }

  public Map<String, String> commonAnnotations() {
    return common(group.alerts().stream().map(a -> stringMap(a.getAnnotations())).toList());
  }

  static Map<String, String> common(List<Map<String, String>> maps) {
    if (maps.isEmpty()) {
      return Map.of();
    }
    Map<String, String> common = new TreeMap<>(maps.get(0));
    for (Map<String, String> map : maps.subList(1, maps.size())) {
      common.entrySet().removeIf(e -> !e.getValue().equals(map.get(e.getKey())));
    }
    return common;
  }

  /** Avro maps may carry Utf8 keys and values; this gives plain strings. */
  public static Map<String, String> stringMap(Map<? extends CharSequence, ? extends CharSequence> map) {
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k.toString(), v == null ? "" : v.toString()));
    return out;
  }

  /** e.g. {@code 🔴 CRITICAL: HighP95Latency on checkout (3 alerts)} or {@code ✅ RESOLVED: HighP95Latency on checkout}. */
  public String defaultTitle() {
    Severities style = style();
    String what = ruleNames();
    String where = Optional.ofNullable(commonLabels().get("service")).map(s -> " on " + s).orElse("");
    int firing = group.firing().size();
    String count = firing > 1 ? " (" + firing + " firing)" : "";
    return style.emoji() + " " + style.label() + ": " + what + where + count;
  }

  /** Variables a title template may use: status, severity, alertname, count, firing, resolved, receiver, and the common labels. */
  public Map<String, String> templateVariables() {
    Map<String, String> vars = new TreeMap<>(commonLabels());
    vars.put("status", status());
    vars.put("severity", style().label().toLowerCase(java.util.Locale.ROOT));
    commonRule().ifPresent(rule -> vars.put("alertname", rule));
    vars.put("count", String.valueOf(group.alerts().size()));
    vars.put("firing", String.valueOf(group.firing().size()));
    vars.put("resolved", String.valueOf(group.resolved().size()));
    vars.put("receiver", group.receiver());
    return vars;
  }

  /** One line, the fallback when a rich message cannot be rendered. */
  public String plainText() {
    List<Alert> alerts = ordered();
    String first = alerts.isEmpty() ? "" : ": " + AlertFacts.summary(alerts.get(0));
    String more = alerts.size() > 1 ? " (" + Text.more(alerts.size() - 1, "alert") + ")" : "";
    return style().emoji() + " [" + status().toUpperCase(java.util.Locale.ROOT) + ":" + alerts.size() + "] "
        + ruleNames() + first + more;
  }
}
