package dev.klaxon.replay;

/**
 * A replay that cannot give a meaningful answer, with one line that says why and what to do: a
 * range before the oldest retained event, an empty range, unknown services, an unreachable broker.
 * The CLI prints the message alone, never a stack trace.
 */
public final class ReplayException extends RuntimeException {

  public ReplayException(String message) {
    super(message);
  }

  public ReplayException(String message, Throwable cause) {
    super(message, cause);
  }
}
