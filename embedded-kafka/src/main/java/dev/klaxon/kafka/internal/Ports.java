package dev.klaxon.kafka.internal;

import dev.klaxon.kafka.PortInUseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Local TCP ports for the broker's listeners. */
public final class Ports {

  /** The broker listens on, and advertises, the loopback address only. */
  public static final String HOST = "127.0.0.1";

  private Ports() {}

  /**
   * A port free right now. Another process may take it before Kafka binds it, so callers retry
   * start-up with fresh ports when binding fails.
   */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free local port", e);
    }
  }

  /** Fails with a message naming the port when something already listens on it. */
  public static void requireFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
    } catch (BindException e) {
      throw new PortInUseException(port, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check whether port " + port + " is free", e);
    }
  }

  /** True when the failure, or one of its causes, is a socket that could not bind. */
  public static boolean isBindFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException
          || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
        return true;
      }
    }
    return false;
  }
}
