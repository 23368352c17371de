package dev.klaxon.schemas.validation;

import java.math.BigDecimal;

/**
 * User input as echoed in error messages: echoing keeps errors useful, truncating keeps a hostile
 * event from inflating them (and the 400 answers or dead-letter headers that carry them).
 */
public final class Shown {

  private static final int MAX_CHARS = 40;

  private Shown() {}

  public static String text(String value) {
    return value.length() <= MAX_CHARS ? value : value.substring(0, MAX_CHARS) + "…";
  }

  /** Plain digits as the user likely wrote them, unless the exponent would make that string huge. */
  public static String decimal(BigDecimal value) {
    return text(Math.abs(value.scale()) <= MAX_CHARS ? value.toPlainString() : value.toString());
  }
}
