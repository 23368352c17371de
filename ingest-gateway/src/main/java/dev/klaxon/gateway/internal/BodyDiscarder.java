package dev.klaxon.gateway.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads and drops the rest of a body refused before it was read, after the answer has gone out,
 * then ends the exchange: nginx's lingering close. Jetty closes a connection whose request body is
 * unread; the client's bytes still in flight then draw a reset, and a client that writes its whole
 * body before reading (Python's urllib and requests) never sees the answer. Bounded in bytes and
 * time, after which Jetty closes the connection anyway. No thread waits: reading is on demand.
 */
public final class BodyDiscarder implements Runnable {

  /**
   * Longest a refused client may keep sending. nginx's {@code lingering_timeout} is 5 s; over a LAN
   * that is tens of MB, enough to finish a batch a few times over the limit, and it is well under
   * the idle timeout, so a refused client holds a connection for less than an idle one may.
   */
  public static final Duration MAX_TIME = Duration.ofSeconds(5);

  /** Floor of {@link #maxBytes}: a small body limit must not reset clients sending an ordinary large batch. */
  private static final long MIN_BYTES = 16L * 1024 * 1024;

  private final Request request;
  private final long maxBytes;
  private final Callback done;
  private Scheduler.Task timeout;
  private long discarded;
  private boolean finished; // guarded by this: once the exchange ends, the request must not be touched

  private BodyDiscarder(Request request, long maxBytes, Callback done) {
    this.request = request;
    this.maxBytes = maxBytes;
    this.done = done;
  }

  /**
   * Most bytes dropped for one refused request: four times the body limit (a batch a few times too
   * large), at least 16 MiB. Dropping costs no memory, each chunk is released as read; the bound
   * stops a client streaming at full speed for the whole {@link #MAX_TIME}.
   */
  public static long maxBytes(int maxBodyBytes) {
    return Math.max(MIN_BYTES, 4L * maxBodyBytes);
  }

  /** Call once the answer is written; completes {@code done} when the body is dropped or a bound is hit. */
  static void discardRest(Request request, int maxBodyBytes, Callback done) {
    long maxBytes = maxBytes(maxBodyBytes);
    if (request.getLength() > maxBytes || expectsContinue(request)) {
      // Declared too long to reach its end anyway; or the client waits for a 100 Continue before
      // sending, and reading now would make Jetty send one after the final answer.
      done.succeeded();
      return;
    }
    BodyDiscarder discarder = new BodyDiscarder(request, maxBytes, done);
    discarder.timeout = request.getComponents().getScheduler()
        .schedule(discarder::expire, MAX_TIME.toMillis(), TimeUnit.MILLISECONDS);
    discarder.run();
  }

  private static boolean expectsContinue(Request request) {
    return request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString());
  }

  @Override
  public void run() {
    while (true) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        request.demand(this);
        return;
      }
      discarded += chunk.remaining();
      boolean end = chunk.isLast() || Content.Chunk.isFailure(chunk);
      chunk.release();
      if (end || discarded > maxBytes) {
        finish();
        return;
      }
    }
  }

  /** Wakes a pending read with a failure, so {@link #run()} ends the exchange on its own thread. */
  private synchronized void expire() {
    if (!finished) {
      request.fail(new TimeoutException("refused body still arriving after " + MAX_TIME.toSeconds() + " s"));
    }
  }

  private void finish() {
    synchronized (this) {
      finished = true;
    }
    timeout.cancel();
    // Succeeded even when cut short: the answer was delivered; what is left unread only closes the connection.
    done.succeeded();
  }
}
