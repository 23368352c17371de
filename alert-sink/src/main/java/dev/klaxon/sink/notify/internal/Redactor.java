package dev.klaxon.sink.notify.internal;

import dev.klaxon.sink.Secret;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Masks secrets in text that came from outside (response bodies, exception messages). Besides the
 * whole value it masks the parts of a secret URL a server might echo on their own: its path, its
 * query and any long path segment (the token of a Slack or Discord webhook).
 */
public final class Redactor {

  private static final String MASK = "<secret>";
  private static final int TOKEN_LENGTH = 8;

  private final List<String> needles;

  private Redactor(List<String> needles) {
    this.needles = needles;
  }

  public static Redactor of(Secret... secrets) {
    Set<String> needles = new LinkedHashSet<>();
    for (Secret secret : secrets) {
      if (secret != null) {
        HttpUrls.parse(secret.reveal()).ifPresent(uri -> addUrlParts(uri, needles));
      }
    }
    needles.removeIf(s -> s.length() < TOKEN_LENGTH); // short parts ("/", "api") are not secret and too common
    for (Secret secret : secrets) {
      if (secret != null && !secret.reveal().isEmpty()) {
        needles.add(secret.reveal()); // a whole value is masked whatever its length
      }
    }
    List<String> sorted = new ArrayList<>(needles);
    sorted.sort(Comparator.comparingInt(String::length).reversed()); // longest first: mask whole values before parts
    return new Redactor(List.copyOf(sorted));
  }

  private static void addUrlParts(URI uri, Set<String> needles) {
    if (uri.getRawPath() != null) {
      needles.add(uri.getRawPath());
      for (String segment : uri.getRawPath().split("/")) {
        needles.add(segment);
      }
    }
    if (uri.getRawQuery() != null) {
      needles.add(uri.getRawQuery());
    }
    if (uri.getRawUserInfo() != null) {
      needles.add(uri.getRawUserInfo());
    }
  }

  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String needle : needles) {
      out = out.replace(needle, MASK);
    }
    return out;
  }

  /**
   * A copy of {@code error} and its causes whose messages are masked; class names and stack traces
   * are kept, so the failure stays debuggable without the secret.
   */
  public RuntimeException redact(Throwable error) {
    if (error == null) {
      return null;
    }
    RedactedException copy = new RedactedException(
        error.getClass().getName() + (error.getMessage() == null ? "" : ": " + redact(error.getMessage())),
        error.getCause() == null || error.getCause() == error ? null : redact(error.getCause()));
    copy.setStackTrace(error.getStackTrace());
    return copy;
  }

  /** Stands in for an exception whose message might have held a secret. */
  public static final class RedactedException extends RuntimeException {
    RedactedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
