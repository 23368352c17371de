/**
 * Notifications: one small {@link dev.klaxon.sink.notify.Notifier} per destination, built by an
 * {@link dev.klaxon.sink.notify.Integration} from one entry of a receiver's {@code <type>_configs}
 * ({@link dev.klaxon.sink.notify.Integrations#standard} has slack, discord, pagerduty, webhook),
 * and the delivery stage around them in {@code notify.delivery} (queue + worker per destination,
 * pacing, coalescing, per-attempt timeout, retries, dead letters).
 *
 * <p>Secrets ({@code url}, {@code routing_key}, {@code bearer_token}) come from
 * {@code <name>_file} or {@code <name>_env}; an inline {@code <name>} works, as in Alertmanager,
 * but logs a warning. They are {@link dev.klaxon.sink.Secret}s, print as {@code <secret>}, and
 * every error text from a provider is masked before it reaches an exception, a dead letter or a log.
 *
 * <p>Units in messages: a {@code unit} annotation or label wins ({@code ms}, {@code s}, {@code %},
 * {@code ratio} for 0..1 values shown as percent, {@code $}, or any word). Without one, the
 * {@code metric} label or rule name decides: latency/duration/p50/p95/p99/.max → ms,
 * errorRate/error_rate/ratio → ratio, cost/spend → $.
 */
package dev.klaxon.sink.notify;
