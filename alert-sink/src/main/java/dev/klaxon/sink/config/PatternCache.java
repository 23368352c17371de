package dev.klaxon.sink.config;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Compiled, anchored matcher regexes; records stay plain values and still match fast. */
final class PatternCache {

  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

  private PatternCache() {}

  static Pattern get(String regex) {
    Pattern cached = CACHE.get(regex);
    if (cached != null) {
      return cached;
    }
    Pattern compiled = Pattern.compile("^(?:" + regex + ")$", Pattern.DOTALL);
    CACHE.putIfAbsent(regex, compiled);
    return compiled;
  }
}
