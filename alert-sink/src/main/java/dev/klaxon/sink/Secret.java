package dev.klaxon.sink;

import java.util.Objects;

/**
 * A webhook URL, routing key or token. Prints as {@code <secret>} everywhere (toString, logs,
 * exception messages built from it), so it cannot leak by accident; only {@link #reveal()} gives
 * the value, to the one place that must send it.
 */
public final class Secret {

  private static final String MASK = "<secret>";

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "secret value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  public String reveal() {
    return value;
  }

  /** Replaces every occurrence of the secret in {@code text}, e.g. an exception message from a client. */
  public String redact(String text) {
    return text == null || value.isEmpty() ? text : text.replace(value, MASK);
  }

  @Override
  public String toString() {
    return MASK;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
