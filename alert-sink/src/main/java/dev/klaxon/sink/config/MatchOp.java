package dev.klaxon.sink.config;

/** The four Alertmanager matcher operators. */
public enum MatchOp {
  EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

  private final String symbol;

  MatchOp(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  public boolean negative() {
    return this == NOT_EQUAL || this == NOT_REGEX;
  }
}
