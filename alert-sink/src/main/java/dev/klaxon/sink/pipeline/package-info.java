/**
 * What happens to a group once the dispatcher flushes it: {@link dev.klaxon.sink.pipeline.NotificationPipeline}
 * mutes (inhibit, silence), de-duplicates against the notification log and hands the group to the
 * {@link dev.klaxon.sink.notify.delivery.Outbox} for each entry of the receiver. A delivered
 * notification is written to the notification log, one given up on went to {@code klaxon.deadletter};
 * either way the flush completes only when every entry has settled, so the dispatcher never flushes
 * a group again while its notification is queued or retrying. {@link dev.klaxon.sink.pipeline.NotifyMetrics}
 * and {@link dev.klaxon.sink.pipeline.SinkMetrics} are the counters at {@code /metrics};
 * {@link dev.klaxon.sink.pipeline.DecisionTimeline} records the {@code why} timeline that
 * {@code api} serves.
 */
package dev.klaxon.sink.pipeline;
