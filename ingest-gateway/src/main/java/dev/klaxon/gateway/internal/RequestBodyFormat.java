package dev.klaxon.gateway.internal;

import java.util.Locale;
import java.util.Set;

/** Which request bodies the gateway reads: JSON or NDJSON in UTF-8, plain or gzip. */
final class RequestBodyFormat {

  static final String ACCEPTED_TYPES = "application/json, application/x-ndjson";
  private static final Set<String> MEDIA_TYPES =
      Set.of("application/json", "application/x-ndjson", "application/ndjson", "application/jsonl");

  private RequestBodyFormat() {
  }

  /** Null when {@code contentType} is acceptable, else why not. */
  static String contentTypeProblem(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return "Content-Type is required: " + ACCEPTED_TYPES;
    }
    String[] parts = contentType.split(";");
    String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
    if (!MEDIA_TYPES.contains(mediaType)) {
      return "unsupported Content-Type " + mediaType + ": send " + ACCEPTED_TYPES;
    }
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
      if (parameter.startsWith("charset=")) {
        String charset = parameter.substring("charset=".length()).replace("\"", "");
        if (!charset.equals("utf-8") && !charset.equals("utf8")) {
          return "unsupported charset " + charset + ": send UTF-8";
        }
      }
    }
    return null;
  }

  /** Whether the body is gzip; throws for codings the gateway does not read. */
  static boolean isGzip(String contentEncoding) throws UnsupportedEncoding {
    if (contentEncoding == null) {
      return false;
    }
    String coding = contentEncoding.trim().toLowerCase(Locale.ROOT);
    return switch (coding) {
      case "", "identity" -> false;
      case "gzip", "x-gzip" -> true;
      default -> throw new UnsupportedEncoding(coding);
    };
  }

  static final class UnsupportedEncoding extends Exception {
    UnsupportedEncoding(String coding) {
      super("unsupported Content-Encoding " + coding + ": send gzip or no encoding", null, false, false);
    }
  }
}
