package dev.klaxon.runtime;

/** A started Klaxon role (gateway, processor, sink...), closed to stop it cleanly. */
public interface RunningService extends AutoCloseable {

  /** One line for the start-up log: what it listens on and which topics it reads and writes. */
  String describe();

  /** Stops cleanly: in-flight work finished or committed, clients closed. Idempotent. */
  @Override
  void close();
}
