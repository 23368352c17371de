package dev.klaxon.gateway.internal;

import dev.klaxon.gateway.GatewayConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the caller of a request from its {@code Authorization: Bearer} header. Keys are compared
 * as SHA-256 digests with {@link MessageDigest#isEqual}, against every configured key without
 * stopping at a match, so neither the time taken nor its variation tells how much of a guess was right.
 */
final class ApiKeyAuthenticator {

  /** The outcome: a caller, or why there is none. */
  sealed interface Result permits Authenticated, Missing, Unknown {
  }

  record Authenticated(Caller caller) implements Result {
  }

  record Missing() implements Result {
  }

  record Unknown() implements Result {
  }

  private static final String BEARER = "bearer ";
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(ApiKeyAuthenticator::sha256);

  private record Entry(byte[] digest, Caller caller) {
  }

  private final List<Entry> entries;
  private final Caller anonymous;

  private ApiKeyAuthenticator(List<Entry> entries, Caller anonymous) {
    this.entries = entries;
    this.anonymous = anonymous;
  }

  static ApiKeyAuthenticator of(GatewayConfig.Auth auth, RateLimiters limiters) {
    if (auth.demoMode()) {
      return new ApiKeyAuthenticator(List.of(), new Caller("anonymous", Set.of(), limiters.newBucket()));
    }
    List<Entry> entries = auth.keys().stream()
        .map(key -> new Entry(digest(key.key()), new Caller(key.name(), key.services(), limiters.newBucket())))
        .toList();
    return new ApiKeyAuthenticator(entries, null);
  }

  boolean demoMode() {
    return anonymous != null;
  }

  Result authenticate(String authorization) {
    if (anonymous != null) {
      return new Authenticated(anonymous);
    }
    if (authorization == null || authorization.length() <= BEARER.length()
        || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      return new Missing();
    }
    byte[] presented = digest(authorization.substring(BEARER.length()).trim());
    Caller found = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.digest(), presented)) {
        found = entry.caller();
      }
    }
    return found == null ? new Unknown() : new Authenticated(found);
  }

  private static byte[] digest(String key) {
    MessageDigest sha = SHA256.get();
    sha.reset();
    return sha.digest(key.getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
