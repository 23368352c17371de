package dev.klaxon.sink.notify.pagerduty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** PagerDuty's dedup_key is the group key, or its SHA-256 when the key is over PagerDuty's 255 characters. */
final class DedupKey {

  static final int MAX = 255;

  private DedupKey() {}

  static String of(String groupKey) {
    if (groupKey.length() <= MAX) {
      return groupKey;
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(groupKey.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
