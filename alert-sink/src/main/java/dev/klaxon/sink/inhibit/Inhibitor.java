package dev.klaxon.sink.inhibit;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.sink.config.InhibitRuleConfig;
import dev.klaxon.sink.config.Matcher;
import dev.klaxon.sink.route.AlertLabels;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mutes target alerts while a matching source alert fires (design §8: a firing critical mutes the
 * warning of the same rule and service). It must see every firing alert, not only the groups this
 * instance owns, so it is fed from a full view of the alert state ({@link #observe}). Thread-safe.
 *
 * <p>Differences from Alertmanager, on purpose: an {@code equal} label missing on either side is
 * not equal (a source without {@code service} mutes nothing), and an alert never mutes itself.
 */
public final class Inhibitor {

  private final List<InhibitRuleConfig> rules;
  /** Firing alerts matching some rule's source matchers, by fingerprint, with their labels. */
  private final Map<String, Source> sources = new ConcurrentHashMap<>();

  private record Source(Alert alert, Map<String, String> labels) {}

  /** Why an alert is muted. */
  public record Inhibition(String sourceFingerprint, String sourceRule, String rulePath) {}

  public Inhibitor(List<InhibitRuleConfig> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Takes note of an alert transition: firing sources start muting, resolved ones stop. */
  public void observe(Alert alert) {
    String fp = alert.getFingerprint().toString();
    Map<String, String> labels = AlertLabels.of(alert);
    boolean source = alert.getStatus() == AlertStatus.firing
        && rules.stream().anyMatch(rule -> all(rule.sourceMatchers(), labels));
    if (source) {
      sources.put(fp, new Source(alert, labels));
    } else {
      sources.remove(fp);
    }
  }

  /** Forgets a source that disappeared without a resolved transition (e.g. its state was deleted). */
  public void forget(String fingerprint) {
    sources.remove(fingerprint);
  }

  /** The firing source muting an alert with these labels, if one does. */
  public Optional<Inhibition> mutedBy(String fingerprint, Map<String, String> labels) {
    for (InhibitRuleConfig rule : rules) {
      if (!all(rule.targetMatchers(), labels)) {
        continue;
      }
      for (Map.Entry<String, Source> source : sources.entrySet()) {
        if (source.getKey().equals(fingerprint) || !all(rule.sourceMatchers(), source.getValue().labels())) {
          continue;
        }
        if (equalLabels(rule.equal(), labels, source.getValue().labels())) {
          return Optional.of(new Inhibition(source.getKey(), source.getValue().alert().getRule().toString(),
              rule.path()));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean equalLabels(List<String> names, Map<String, String> target, Map<String, String> source) {
    for (String name : names) {
      String value = target.get(name);
      if (value == null || value.isEmpty() || !value.equals(source.get(name))) {
        return false;
      }
    }
    return true;
  }

  private static boolean all(List<Matcher> matchers, Map<String, String> labels) {
    for (Matcher m : matchers) {
      if (!m.matches(labels)) {
        return false;
      }
    }
    return true;
  }
}
