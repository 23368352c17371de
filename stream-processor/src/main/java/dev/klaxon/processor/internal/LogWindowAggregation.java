package dev.klaxon.processor.internal;

import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.LogWindow;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Count of log lines per (service, level), and per environment for events that carry one. The
 * aggregate is a one-element array: a mutable long.
 */
public final class LogWindowAggregation implements WindowAggregation<LogEvent, long[]> {

  @Override
  public long timestampOf(LogEvent event) {
    return event.getTimestamp();
  }

  @Override
  public void forEachSeries(LogEvent event, Consumer<String> series) {
    series.accept(WindowKey.series(event.getService(), event.getLevel().name(), event.getEnvironment()));
  }

  @Override
  public long[] newAggregate() {
    return new long[1];
  }

  @Override
  public void add(long[] count, LogEvent event) {
    count[0]++;
  }

  @Override
  public byte[] encode(long[] count) {
    return ByteBuffer.allocate(Long.BYTES).putLong(count[0]).array();
  }

  @Override
  public long[] decode(byte[] bytes) {
    return new long[] {ByteBuffer.wrap(bytes).getLong()};
  }

  @Override
  public SpecificRecord toRecord(WindowKey window, long[] count) {
    return LogWindow.newBuilder()
        .setService(window.first())
        .setLevel(LogLevel.valueOf(window.second()))
        .setEnvironment(window.environment())
        .setWindowStart(window.start())
        .setWindowEnd(window.end())
        .setCount(count[0])
        .build();
  }

  /** Refuses what this aggregation's keys cannot hold (the event rules have passed). */
  public static LogEvent requireKeyParts(LogEvent event) {
    RequestWindowAggregation.requireKeyPart("service", event.getService());
    if (event.getEnvironment() != null) {
      RequestWindowAggregation.requireKeyPart("environment", event.getEnvironment());
    }
    return event;
  }
}
