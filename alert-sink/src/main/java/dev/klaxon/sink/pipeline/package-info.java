/**
 * What happens to a group once the dispatcher flushes it: {@link dev.klaxon.sink.pipeline.NotificationPipeline}
 * mutes (inhibit, silence), de-duplicates against the notification log and hands the group to one
 * {@link dev.klaxon.sink.pipeline.Outbox} per receiver integration. In the running sink each outbox
 * is a {@link dev.klaxon.sink.pipeline.DestinationOutbox}, the delivery stage of
 * {@code notify.delivery}: a delivered notification is written to the notification log, one given
 * up on goes to {@code klaxon.deadletter}; either way the flush completes only when every
 * integration has settled, so the dispatcher never flushes a group again while its notification is
 * queued or retrying. {@link dev.klaxon.sink.pipeline.NotifyMetrics} and
 * {@link dev.klaxon.sink.pipeline.SinkMetrics} are the counters at {@code /metrics};
 * {@link dev.klaxon.sink.pipeline.DecisionTimeline} is the {@code why} timeline.
 */
package dev.klaxon.sink.pipeline;
