package dev.klaxon.cost;

import dev.klaxon.schemas.CostEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * The key of a spend window record on {@code klaxon.metrics.spend} and {@code klaxon.metrics.spend.open},
 * and of the spend stores: the one place that writes and reads it.
 *
 * <ul>
 *   <li>a user's series: {@code <userId>|<provider>|<windowStart>/<granularity>}, e.g.
 *       {@code alice|openai|2027-02-01T00:00:00Z/month};
 *   <li>a service's series (all its users): {@code *|<provider>|<windowStart>/<granularity>|service=<service>},
 *       e.g. {@code *|*|2027-02-10T10:05:00Z/minute|service=llm-gateway}.
 * </ul>
 *
 * <p>Provider {@code *} is the sum over all providers. The window start is an ISO-8601 UTC instant
 * and the granularity its {@link Granularity#label() label}. The user's part comes first so that a
 * prefix scan on {@code <userId>|} finds all of a user's windows; the service's form keeps the same
 * first three parts, so a reader of those sees one format. No part holds {@code |}, and neither a
 * user nor a provider is {@code *} ({@link #requireKeyParts} refuses such events).
 *
 * @param userId the user, or {@link #ALL} for a service's series
 * @param provider the provider, or {@link #ALL} for all providers
 * @param granularity the window's size
 * @param windowStart start of the window, epoch ms
 * @param service the service of a service's series, null for a user's series
 */
public record SpendKey(String userId, String provider, Granularity granularity, long windowStart, String service) {

  /** A user of {@code *} marks a service's series; a provider of {@code *} all providers. */
  public static final String ALL = "*";
  private static final String SERVICE_PART = "service=";

  public SpendKey {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(granularity, "granularity");
    if (service != null && !ALL.equals(userId)) {
      throw new IllegalArgumentException("a service's series has user " + ALL + ", got " + userId);
    }
  }

  public static SpendKey ofUser(String userId, String provider, Granularity granularity, long windowStart) {
    return new SpendKey(userId, provider, granularity, windowStart, null);
  }

  public static SpendKey ofService(String service, String provider, Granularity granularity, long windowStart) {
    return new SpendKey(ALL, provider, granularity, windowStart, Objects.requireNonNull(service, "service"));
  }

  public boolean isService() {
    return service != null;
  }

  /** Whose series it is: the user, or the service for a service's series (what its windows are partitioned by). */
  public String owner() {
    return service != null ? service : userId;
  }

  /** End of the window, epoch ms, exclusive. */
  public long windowEnd() {
    return granularity.endOf(windowStart);
  }

  /** The key as written, see the class comment. */
  public String format() {
    return format(userId, provider, windowText(granularity, windowStart), service);
  }

  /** The window's part of a key, e.g. {@code 2027-02-10T10:05:00Z/minute}. */
  public static String windowText(Granularity granularity, long windowStart) {
    return Instant.ofEpochMilli(windowStart) + "/" + granularity.label();
  }

  /**
   * The key of {@code ofUser(userId, provider, …)} (service null) or {@code ofService(service, provider, …)}
   * (user {@link #ALL}) from its window's {@link #windowText}, which a caller formatting many keys of
   * one window can make once.
   */
  public static String format(String userId, String provider, String windowText, String service) {
    String key = userId + '|' + provider + '|' + windowText;
    return service == null ? key : key + '|' + SERVICE_PART + service;
  }

  /** {@code parse(key).owner()} without parsing the rest: for partitioning every record by owner. */
  public static String ownerOf(String key) {
    int bar = key.indexOf('|');
    if (bar < 0) {
      throw new IllegalArgumentException("not a spend key (user|provider|start/granularity[|service=...]): " + key);
    }
    if (bar != ALL.length() || !key.startsWith(ALL)) {
      return key.substring(0, bar); // a user: never *, see requireKeyParts
    }
    int service = key.lastIndexOf('|' + SERVICE_PART);
    if (service < 0) {
      throw new IllegalArgumentException("spend key of user * without a service part: " + key);
    }
    return key.substring(service + 1 + SERVICE_PART.length());
  }

  @Override
  public String toString() {
    return format();
  }

  /** Reads a key written by {@link #format()}; throws IllegalArgumentException naming what is wrong. */
  public static SpendKey parse(String key) {
    String[] parts = key.split("\\|", -1);
    if (parts.length != 3 && parts.length != 4) {
      throw new IllegalArgumentException("not a spend key (user|provider|start/granularity[|service=...]): " + key);
    }
    int slash = parts[2].lastIndexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("spend key without <start>/<granularity>: " + key);
    }
    long start;
    try {
      start = Instant.parse(parts[2].substring(0, slash)).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("spend key with a bad window start: " + key, e);
    }
    Granularity granularity = Granularity.ofLabel(parts[2].substring(slash + 1));
    if (parts.length == 3) {
      return ofUser(parts[0], parts[1], granularity, start);
    }
    if (!parts[3].startsWith(SERVICE_PART) || !ALL.equals(parts[0])) {
      throw new IllegalArgumentException("spend key: a fourth part is *|...|service=<service>: " + key);
    }
    return ofService(parts[3].substring(SERVICE_PART.length()), parts[1], granularity, start);
  }

  /**
   * Refuses a cost event whose user, provider or service the keys cannot hold: a {@code |}, which
   * separates key parts, or a user or provider of {@code *}, which would be summed into another
   * series. The event rules have passed already (the fields are present).
   */
  public static CostEvent requireKeyParts(CostEvent event) {
    requirePart("userId", event.getUserId(), true);
    requirePart("provider", event.getProvider(), true);
    requirePart("service", event.getService(), false);
    return event;
  }

  private static void requirePart(String field, String value, boolean starIsTaken) {
    if (value.indexOf('|') >= 0) {
      throw new IllegalArgumentException(field + " must not contain '|' (it separates key parts): " + value);
    }
    if (starIsTaken && ALL.equals(value)) {
      throw new IllegalArgumentException(field + " must not be " + ALL + " (it names the sum of all)");
    }
  }
}
