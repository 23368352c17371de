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

  /**
   * Plain digits without trailing zeros (a decoded amount carries the schema's 9 places), unless the
   * exponent would make that string huge.
   */
  public static String decimal(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return text(Math.abs(stripped.scale()) <= MAX_CHARS ? stripped.toPlainString() : stripped.toString());
  }
}
