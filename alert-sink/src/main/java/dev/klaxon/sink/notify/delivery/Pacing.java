package dev.klaxon.sink.notify.delivery;

import java.time.Duration;

/**
 * At most {@code permits} requests per {@code per} to one destination. Defaults follow the
 * providers' published limits: Slack about 1 message/s per webhook, Discord 5 per 2 s per webhook,
 * PagerDuty 120 per minute per routing key; a generic webhook is not paced.
 */
public record Pacing(int permits, Duration per) {

  public Pacing {
    if (permits < 1 || per.isNegative()) {
      throw new IllegalArgumentException("pacing needs at least one permit per non-negative interval");
    }
  }

  public static Pacing unlimited() {
    return new Pacing(Integer.MAX_VALUE, Duration.ZERO);
  }

  public static Pacing forIntegration(String type) {
    return switch (type) {
      case "slack" -> new Pacing(1, Duration.ofSeconds(1));
      case "discord" -> new Pacing(5, Duration.ofSeconds(2));
      case "pagerduty" -> new Pacing(120, Duration.ofMinutes(1));
      default -> unlimited();
    };
  }

  boolean isUnlimited() {
    return per.isZero();
  }
}
