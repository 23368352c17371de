package dev.klaxon.sink.config;

import dev.klaxon.runtime.config.StrictYaml;
import dev.klaxon.schemas.config.Durations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The mistakes Klaxon refuses at check time rather than discovering during an incident (design §8):
 * repeat_interval shorter than group_interval, receivers referenced but undefined, routes that can
 * never match, inhibit rules whose {@code equal} labels the matchers make impossible. Receivers
 * nothing routes to are a warning: a spare receiver (Discord in the defaults) is not an error.
 */
final class ConfigChecks {

  private final StrictYaml yaml;
  /** Matcher-based checks only on a file whose matchers all parsed: a dropped matcher would look like a catch-all. */
  private final boolean matchersComplete;

  ConfigChecks(StrictYaml yaml, boolean matchersComplete) {
    this.yaml = yaml;
    this.matchersComplete = matchersComplete;
  }

  void check(RouteConfig root, List<ReceiverConfig> receivers, List<InhibitRuleConfig> rules) {
    Set<String> defined = receivers.stream().map(ReceiverConfig::name).collect(Collectors.toSet());
    Set<String> used = new HashSet<>();
    checkRoute(root, List.of(), defined, used);
    for (ReceiverConfig receiver : receivers) {
      if (!used.contains(receiver.name())) {
        yaml.warning(receiver.path(), "receiver '" + receiver.name() + "' is never routed to");
      }
    }
    if (matchersComplete) {
      rules.forEach(this::checkInhibitRule);
    }
  }

  private void checkRoute(RouteConfig route, List<Matcher> inherited, Set<String> defined, Set<String> used) {
    if (route.receiver() != null) {
      used.add(route.receiver());
      if (!defined.contains(route.receiver())) {
        yaml.problem(route.path() + ".receiver", "receiver '" + route.receiver() + "' is not defined in receivers"
            + StrictYaml.closest(route.receiver(), defined).map(s -> " (did you mean " + s + "?)").orElse(""));
      }
    }
    if (route.groupInterval().isZero() || route.groupInterval().isNegative()) {
      yaml.problem(route.path() + ".group_interval", "must be positive");
    }
    if (route.repeatInterval().compareTo(route.groupInterval()) < 0) {
      yaml.problem(route.path() + ".repeat_interval", "repeat_interval " + Durations.format(route.repeatInterval())
          + " is shorter than group_interval " + Durations.format(route.groupInterval())
          + ": repeats happen at group_interval ticks, so it could never be honoured");
    }
    List<Matcher> all = new ArrayList<>(inherited);
    all.addAll(route.matchers());
    if (!matchersComplete) {
      route.routes().forEach(child -> checkRoute(child, all, defined, used));
      return;
    }
    contradiction(all).ifPresent(why -> yaml.problem(route.path() + ".matchers", "this route can never match: " + why));

    List<RouteConfig> children = route.routes();
    for (int i = 0; i < children.size(); i++) {
      RouteConfig child = children.get(i);
      for (int j = 0; j < i; j++) {
        RouteConfig earlier = children.get(j);
        // An earlier sibling that stops matching and asks for no more than this one takes all its alerts.
        if (!earlier.continueMatching() && child.matchers().containsAll(earlier.matchers())) {
          yaml.problem(child.path(), "this route can never match: " + earlier.path()
              + (earlier.matchers().isEmpty() ? " matches every alert" : " takes every alert it would match")
              + " first and has no continue: true");
          break;
        }
      }
      checkRoute(child, all, defined, used);
    }
  }

  private void checkInhibitRule(InhibitRuleConfig rule) {
    contradiction(rule.sourceMatchers())
        .ifPresent(why -> yaml.problem(rule.path() + ".source_matchers", "can never match: " + why));
    contradiction(rule.targetMatchers())
        .ifPresent(why -> yaml.problem(rule.path() + ".target_matchers", "can never match: " + why));
    if (rule.equal().isEmpty()) {
      yaml.warning(rule.path() + ".equal", "empty: any matching source mutes every matching target, "
          + "whatever its service");
    }
    for (int i = 0; i < rule.equal().size(); i++) {
      String label = rule.equal().get(i);
      Optional<String> source = pinned(rule.sourceMatchers(), label);
      Optional<String> target = pinned(rule.targetMatchers(), label);
      if (source.isPresent() && target.isPresent() && !source.equals(target)) {
        yaml.problem(rule.path() + ".equal[" + i + "]", "'" + label + "' must be equal, but the source matchers "
            + "require \"" + source.get() + "\" and the target matchers \"" + target.get()
            + "\": this rule can never mute anything");
      } else if (source.map(String::isEmpty).orElse(false) || target.map(String::isEmpty).orElse(false)) {
        yaml.problem(rule.path() + ".equal[" + i + "]", "'" + label + "' must be equal, but the matchers require it "
            + "to be absent, and an absent label is never equal: this rule can never mute anything");
      } else {
        for (Matcher m : rule.sourceMatchers()) {
          if (m.name().equals(label) && m.op().negative() && target.isPresent() && !m.matchesValue(target.get())) {
            yaml.problem(rule.path() + ".equal[" + i + "]", "'" + label + "' must be equal, but the source matcher "
                + m + " excludes the target's \"" + target.get() + "\": this rule can never mute anything");
          }
        }
      }
    }
  }

  /** The value an {@code =} matcher pins {@code label} to, if any. */
  private static Optional<String> pinned(List<Matcher> matchers, String label) {
    return matchers.stream().filter(m -> m.name().equals(label) && m.op() == MatchOp.EQUAL)
        .map(Matcher::value).findFirst();
  }

  /**
   * Why no label set can satisfy all {@code matchers}, if that can be shown: per label, either two
   * {@code =} disagree, a pinned value fails another matcher, or a matcher contradicts its negation.
   */
  static Optional<String> contradiction(List<Matcher> matchers) {
    Map<String, List<Matcher>> byLabel = matchers.stream().collect(Collectors.groupingBy(Matcher::name));
    for (List<Matcher> same : byLabel.values()) {
      Optional<Matcher> pin = same.stream().filter(m -> m.op() == MatchOp.EQUAL).findFirst();
      if (pin.isPresent()) {
        for (Matcher other : same) {
          if (!other.matchesValue(pin.get().value())) {
            return Optional.of(pin.get() + " and " + other + " exclude each other");
          }
        }
        continue;
      }
      for (Matcher a : same) {
        for (Matcher b : same) {
          boolean opposite = (a.op() == MatchOp.REGEX && b.op() == MatchOp.NOT_REGEX);
          if (opposite && Objects.equals(a.value(), b.value())) {
            return Optional.of(a + " and " + b + " exclude each other");
          }
        }
      }
    }
    return Optional.empty();
  }
}
