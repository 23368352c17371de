package dev.klaxon.rules;

/** Which side of a threshold is bad: {@code >} (latency, errors) or {@code <} (a request rate that collapses). */
public enum Comparison {
  ABOVE(">"),
  BELOW("<");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /** Whether {@code value} is strictly on the bad side of {@code threshold}. */
  public boolean breaches(double value, double threshold) {
    return this == ABOVE ? value > threshold : value < threshold;
  }

  /** {@code threshold} moved by {@code distance} towards the good side. */
  double towardsGood(double threshold, double distance) {
    return this == ABOVE ? threshold - distance : threshold + distance;
  }

  @Override
  public String toString() {
    return symbol;
  }
}
