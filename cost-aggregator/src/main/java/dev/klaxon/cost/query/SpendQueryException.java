package dev.klaxon.cost.query;

/** A spend query that cannot be answered, with the HTTP status that says why. */
public final class SpendQueryException extends RuntimeException {

  private final int status;

  public SpendQueryException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** 400, naming the bad parameter first. */
  static SpendQueryException badRequest(String parameter, String problem) {
    return new SpendQueryException(400, "parameter '" + parameter + "': " + problem);
  }

  /** 503: the answer exists but not right now (rebalancing, an instance restoring or unreachable). */
  static SpendQueryException unavailable(String why) {
    return new SpendQueryException(503, why);
  }

  public int status() {
    return status;
  }
}
