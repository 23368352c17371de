package dev.klaxon.sink.config;

import java.util.List;

/**
 * While an alert matching {@link #sourceMatchers} fires, alerts matching {@link #targetMatchers}
 * with the same values of every {@link #equal} label are muted. Unlike Alertmanager, a label missing
 * on both sides is not "equal": a source without {@code service} mutes nothing by that rule.
 */
public record InhibitRuleConfig(String path, List<Matcher> sourceMatchers, List<Matcher> targetMatchers,
    List<String> equal) {

  public InhibitRuleConfig {
    sourceMatchers = List.copyOf(sourceMatchers);
    targetMatchers = List.copyOf(targetMatchers);
    equal = List.copyOf(equal);
  }
}
