package dev.klaxon.cli;

import java.util.Locale;

/** What {@code klaxon run} can run, in the order it starts them (consumers before the gateway feeds them). */
enum Role {
  PROCESSOR,
  SINK,
  GATEWAY;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
