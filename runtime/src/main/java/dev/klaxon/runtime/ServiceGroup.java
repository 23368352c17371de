package dev.klaxon.runtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The roles one process runs, started in order and stopped in reverse (so a consumer stops before
 * the broker it reads from). Each start is logged in one line naming what the role listens on and
 * which topics it uses; SIGTERM or Ctrl-C closes them all before the JVM exits.
 */
public final class ServiceGroup implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ServiceGroup.class);

  private final Deque<Started> started = new ArrayDeque<>();
  private final CountDownLatch closed = new CountDownLatch(1);

  private record Started(String role, AutoCloseable service) {}

  /**
   * Starts one role. If it fails, the roles started before it are stopped, and the failure goes on
   * to the caller.
   */
  public <T extends RunningService> T start(String role, Supplier<T> starter) {
    T service;
    try {
      service = starter.get();
    } catch (RuntimeException e) {
      log.error("{}: failed to start: {}", role, e.getMessage());
      close();
      throw e;
    }
    started.push(new Started(role, service));
    log.info("{}: {}", role, service.describe());
    return service;
  }

  /** Something to close with the roles that is not a role itself (an embedded broker, a table printer). */
  public <T extends AutoCloseable> T add(String name, T resource) {
    started.push(new Started(name, resource));
    return resource;
  }

  /**
   * Blocks until the process is told to stop (SIGTERM, Ctrl-C), the calling thread is interrupted,
   * or {@code timeout} passes (null: no timeout), then stops every role. The shutdown hook waits for
   * the roles to close, so the JVM does not exit half-way through a commit.
   */
  public void awaitShutdown(Duration timeout) {
    CountDownLatch signalled = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      signalled.countDown();
      try {
        closed.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "klaxon-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean interrupted = false;
    try {
      if (timeout == null) {
        signalled.await();
      } else {
        signalled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      interrupted = true; // told to stop; the flag is restored after closing, so closing is not cut short
    } finally {
      close();
      if (signalled.getCount() > 0) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stops every role, last started first. Idempotent. */
  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      Started next = started.pop();
      try {
        next.service().close();
        log.info("{}: stopped", next.role());
      } catch (Exception e) {
        log.warn("{}: stopping failed", next.role(), e);
      }
    }
    closed.countDown();
  }
}
