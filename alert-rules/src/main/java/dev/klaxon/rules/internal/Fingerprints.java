package dev.klaxon.rules.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The id of one alert: rule name and labels, sorted, hashed. It keys {@code klaxon.alerts} and the
 * evaluator's state, so it must not change across releases or JVMs: SHA-256, never {@code hashCode}.
 */
public final class Fingerprints {

  private Fingerprints() {}

  /** 16 hex digits (64 bits): collisions among the alerts of one installation are out of reach. */
  public static String of(String rule, Map<String, String> labels) {
    StringBuilder canonical = new StringBuilder(rule);
    // Separators that cannot be confused with content: a=b,c=d must differ from a=b\u0000c=d.
    new TreeMap<>(labels).forEach((name, value) -> canonical.append('\u0000').append(name).append('\u0001').append(value));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
