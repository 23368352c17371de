package dev.klaxon.cli;

import java.util.Locale;

/**
 * What {@code klaxon run} can run, in the order it starts them: consumers before what feeds them
 * (the sink before the gateway's events reach it), the rules after the processor they read.
 */
enum Role {
  PROCESSOR,
  RULES,
  COST,
  SINK,
  EXPORTER,
  GATEWAY;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
