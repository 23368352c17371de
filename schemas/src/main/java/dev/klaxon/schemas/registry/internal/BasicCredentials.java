package dev.klaxon.schemas.registry.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP basic-auth credentials, kept only as the ready header value. Prints as {@code <secret>} so
 * that no log line, message or {@code toString} of an enclosing object can reveal them.
 */
public final class BasicCredentials {

  private final String headerValue;

  private BasicCredentials(String headerValue) {
    this.headerValue = headerValue;
  }

  public static BasicCredentials of(String user, String password) {
    if (user == null || user.isEmpty() || user.contains(":") || password == null) {
      throw new IllegalArgumentException("basic auth needs a user without ':' and a password");
    }
    String token = user + ":" + password;
    return new BasicCredentials(
        "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
  }

  /** Credentials given in a URL as {@code user:password@host} (percent-encoded). */
  public static BasicCredentials fromUserInfo(String rawUserInfo) {
    int colon = rawUserInfo.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("registry URL user info must be user:password");
    }
    return of(decode(rawUserInfo.substring(0, colon)), decode(rawUserInfo.substring(colon + 1)));
  }

  private static String decode(String part) {
    return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  public String authorizationHeader() {
    return headerValue;
  }

  @Override
  public String toString() {
    return "<secret>";
  }
}
