package dev.klaxon.gateway.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jetty.io.Content;

/**
 * Reads a request body into one array without blocking a thread: reads what has arrived, then asks
 * Jetty to call back when more does. Stops as soon as the body exceeds its limit.
 */
final class BodyReader implements Runnable {

  /** What becomes of the body; exactly one method is called, once. */
  interface Listener {
    void onBody(byte[] body);

    void onTooLarge(int limit);

    void onReadFailure(Throwable failure);
  }

  private final Content.Source source;
  private final int limit;
  private final Listener listener;
  private byte[] buffer;
  private int length;

  private BodyReader(Content.Source source, long declaredLength, int limit, Listener listener) {
    this.source = source;
    this.limit = limit;
    this.listener = listener;
    // Content-Length sizes the array exactly; chunked bodies grow it.
    this.buffer = new byte[declaredLength >= 0 ? (int) declaredLength : Math.min(limit, 16 * 1024)];
  }

  /** {@code declaredLength}: the Content-Length, already checked against {@code limit}, or -1. */
  static void read(Content.Source source, long declaredLength, int limit, Listener listener) {
    new BodyReader(source, declaredLength, limit, listener).run();
  }

  @Override
  public void run() {
    while (true) {
      Content.Chunk chunk = source.read();
      if (chunk == null) {
        source.demand(this);
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        listener.onReadFailure(chunk.getFailure());
        return;
      }
      boolean fits = append(chunk.getByteBuffer());
      boolean last = chunk.isLast();
      chunk.release();
      if (!fits) {
        listener.onTooLarge(limit);
        return;
      }
      if (last) {
        listener.onBody(length == buffer.length ? buffer : Arrays.copyOf(buffer, length));
        return;
      }
    }
  }

  private boolean append(ByteBuffer bytes) {
    int remaining = bytes.remaining();
    if ((long) length + remaining > limit) {
      return false;
    }
    if (length + remaining > buffer.length) {
      buffer = Arrays.copyOf(buffer, (int) Math.min(limit, Math.max(length + remaining, 2L * buffer.length)));
    }
    bytes.get(buffer, length, remaining);
    length += remaining;
    return true;
  }
}
