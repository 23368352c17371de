package dev.klaxon.emitter.internal;

import java.util.Objects;

/** The gateway API key; prints as {@code <secret>} so it cannot end up in a log or exception. */
public final class ApiKey {

  private final String value;

  public ApiKey(String value) {
    this.value = Objects.requireNonNull(value, "apiKey");
    if (value.isBlank()) {
      throw new IllegalArgumentException("apiKey must not be blank; pass none for a gateway in demo mode");
    }
  }

  String bearerHeader() {
    return "Bearer " + value;
  }

  @Override
  public String toString() {
    return "<secret>";
  }
}
