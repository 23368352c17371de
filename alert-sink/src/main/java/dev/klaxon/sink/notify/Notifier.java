package dev.klaxon.sink.notify;

/**
 * Sends one message for one alert group to one destination (one Slack webhook, one PagerDuty
 * routing key...). A notifier does exactly that: retries, pacing, dedup, silencing and dead-letter
 * are stages composed around it, not inside it.
 */
public interface Notifier {

  /** Integration type, e.g. {@code slack}. */
  String type();

  /**
   * @throws NotifyException saying whether a retry can help (network error, 5xx, 429) or not (other 4xx)
   */
  void notify(AlertGroup group) throws NotifyException;
}
