package dev.klaxon.sink.notify.internal;

import java.net.URI;
import java.util.Optional;

/** Checks that a string is an absolute http(s) URL. */
public final class HttpUrls {

  private HttpUrls() {}

  public static Optional<URI> parse(String value) {
    try {
      URI uri = URI.create(value.strip());
      String scheme = uri.getScheme();
      if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null) {
        return Optional.of(uri);
      }
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // the message would quote the value, which may be a secret
    }
  }

  public static boolean isHttpUrl(String value) {
    return value != null && parse(value).isPresent();
  }
}
