package dev.klaxon.rules.internal;

import dev.klaxon.schemas.LogWindow;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.SpendWindow;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.schemas.serde.AvroSerdes;
import java.util.Arrays;
import java.util.Map;

/**
 * A metric record on its way from the metric topics to the evaluator, through one repartition topic
 * keyed by {@link MetricInput#partitionKey()}: the Avro bytes as the processor (or the cost aggregator)
 * wrote them, behind one byte saying which topic they came from (closed or open; requests, logs or
 * spend), which the repartition would otherwise lose.
 */
public final class MetricRecord {

  /** Which metric topic a record came from. */
  public enum Kind {
    // The ordinal is the marker byte on the repartition topic: new kinds go at the end.
    CLOSED_REQUESTS, OPEN_REQUESTS, CLOSED_LOGS, OPEN_LOGS, CLOSED_SPEND, OPEN_SPEND;

    public static Map<String, Kind> byTopic(Topics topics) {
      return Map.of(topics.requestMetrics(), CLOSED_REQUESTS, topics.openRequestMetrics(), OPEN_REQUESTS,
          topics.logMetrics(), CLOSED_LOGS, topics.openLogMetrics(), OPEN_LOGS, topics.spendMetrics(), CLOSED_SPEND,
          topics.openSpendMetrics(), OPEN_SPEND);
    }
  }

  private MetricRecord() {}

  public static byte[] wrap(Kind kind, byte[] avro) {
    byte[] wrapped = new byte[avro.length + 1];
    wrapped[0] = (byte) kind.ordinal();
    System.arraycopy(avro, 0, wrapped, 1, avro.length);
    return wrapped;
  }

  /** Reads wrapped or plain metric records; one per processor (serdes are built once). */
  public static final class Decoder {

    private final AvroSerde<RequestWindow> requests;
    private final AvroSerde<LogWindow> logs;
    private final AvroSerde<SpendWindow> spend;
    private final Topics topics;

    public Decoder(AvroSerdes serdes, Topics topics) {
      this.requests = serdes.forValues(RequestWindow.class);
      this.logs = serdes.forValues(LogWindow.class);
      this.spend = serdes.forValues(SpendWindow.class);
      this.topics = topics;
    }

    /** @throws RuntimeException when the bytes are not a wrapped window */
    public MetricInput decodeWrapped(byte[] wrapped, long recordTimestamp) {
      if (wrapped == null || wrapped.length < 2 || wrapped[0] < 0 || wrapped[0] >= Kind.values().length) {
        throw new IllegalArgumentException("not a metric record (null, empty or of no known kind)");
      }
      return decode(Kind.values()[wrapped[0]], Arrays.copyOfRange(wrapped, 1, wrapped.length), recordTimestamp);
    }

    /** @throws RuntimeException naming the problem when the bytes are not a window of that kind */
    public MetricInput decode(Kind kind, byte[] avro, long recordTimestamp) {
      if (avro == null) {
        throw new IllegalArgumentException("record has no value (null or tombstone)");
      }
      return switch (kind) {
        case CLOSED_REQUESTS -> WindowSample.of(require(requests.decode(topics.requestMetrics(), avro)), true,
            recordTimestamp);
        case OPEN_REQUESTS -> WindowSample.of(require(requests.decode(topics.openRequestMetrics(), avro)), false,
            recordTimestamp);
        case CLOSED_LOGS -> WindowSample.of(require(logs.decode(topics.logMetrics(), avro)), true, recordTimestamp);
        case OPEN_LOGS -> WindowSample.of(require(logs.decode(topics.openLogMetrics(), avro)), false,
            recordTimestamp);
        case CLOSED_SPEND -> SpendSample.of(require(spend.decode(topics.spendMetrics(), avro)), true, recordTimestamp);
        case OPEN_SPEND -> SpendSample.of(require(spend.decode(topics.openSpendMetrics(), avro)), false,
            recordTimestamp);
      };
    }

    private static <T> T require(T window) {
      if (window == null) {
        throw new IllegalArgumentException("record has no value (null or tombstone)");
      }
      return window;
    }
  }
}
