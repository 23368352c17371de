package dev.klaxon.schemas.registry;

import java.util.List;

/** Outcome of a compatibility check; {@code messages} explain an incompatibility (verbose mode). */
public record CompatibilityResult(boolean compatible, List<String> messages) {

  public CompatibilityResult {
    messages = List.copyOf(messages);
  }
}
