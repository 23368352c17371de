package dev.klaxon.gateway.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/** Decompresses a gzip body in memory, stopping at a limit: a few KB of gzip can inflate to gigabytes. */
final class Gunzip {

  /** The body is larger than the limit once decompressed. */
  static final class TooLarge extends Exception {
    TooLarge(int limit) {
      super("the body is larger than " + limit + " bytes once decompressed", null, false, false);
    }
  }

  /** The body is not gzip, or is truncated. */
  static final class NotGzip extends Exception {
    NotGzip(String reason) {
      super("the body is not valid gzip (Content-Encoding: gzip): " + reason, null, false, false);
    }
  }

  private Gunzip() {
  }

  static byte[] decompress(byte[] compressed, int limit) throws TooLarge, NotGzip {
    // Typical JSON compresses 5-10x; start there and grow.
    byte[] out = new byte[(int) Math.min(limit, Math.max(1024L, compressed.length * 8L))];
    int length = 0;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 8192)) {
      while (true) {
        if (length == out.length) {
          if (length == limit) {
            if (in.read() < 0) {
              break;
            }
            throw new TooLarge(limit);
          }
          out = Arrays.copyOf(out, (int) Math.min(limit, 2L * out.length));
        }
        int read = in.read(out, length, out.length - length);
        if (read < 0) {
          break;
        }
        length += read;
      }
    } catch (IOException e) {
      throw new NotGzip(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
    return length == out.length ? out : Arrays.copyOf(out, length);
  }
}
