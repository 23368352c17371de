package dev.klaxon.loadtest;

import java.util.ArrayDeque;
import java.util.Deque;

/** The apps a test started: each {@link #stop}ped when the test says, the rest closed at the end, newest first. */
final class Fleet implements AutoCloseable {

  private final Deque<AutoCloseable> running = new ArrayDeque<>();

  <T extends AutoCloseable> T start(T app) {
    running.push(app);
    return app;
  }

  void stop(AutoCloseable app) throws Exception {
    running.remove(app);
    app.close();
  }

  @Override
  public void close() throws Exception {
    while (!running.isEmpty()) {
      running.pop().close();
    }
  }
}
