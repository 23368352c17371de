package dev.klaxon.kafka;

import dev.klaxon.kafka.internal.Ports;

/** The configured broker port is taken by another process. */
public final class PortInUseException extends IllegalStateException {

  private final int port;

  public PortInUseException(int port, Throwable cause) {
    super("Kafka broker port " + port + " is already in use on " + Ports.HOST
        + ": stop whatever listens there or configure another port (0 picks a free one)", cause);
    this.port = port;
  }

  public int port() {
    return port;
  }
}
