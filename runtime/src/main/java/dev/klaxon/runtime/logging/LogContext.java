package dev.klaxon.runtime.logging;

/** MDC keys Klaxon's services set, so a log line says which request or service it is about. */
public final class LogContext {

  /** The ingest request being handled: the client's {@code X-Request-Id}, or one the gateway made up. */
  public static final String REQUEST_ID = "requestId";
  /** The service an event, window or alert is about. */
  public static final String SERVICE = "service";

  private LogContext() {}
}
