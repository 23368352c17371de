package dev.klaxon.processor.internal;

import dev.klaxon.processor.MetricsConfig;
import dev.klaxon.runtime.streams.DecodingProcessor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

/**
 * The shape every metrics pipeline shares: input topic → decode (or dead-letter) and windowed
 * aggregation with its store → metric topic (closed windows) and open-window topic (running values).
 * Each processor instance gets its own aggregation
 * (they may keep per-task caches).
 */
public final class WindowedPipeline {

  private WindowedPipeline() {}

  public static <E, A> Topology addTo(Topology topology, String name, String inputTopic,
      Function<byte[], E> decode, Supplier<WindowAggregation<E, A>> aggregation, String outputTopic,
      String openOutputTopic, Serializer<? extends SpecificRecord> outputSerializer, MetricsConfig config) {
    String source = name + "-source";
    String windows = name + "-windows";
    String store = name + "-window-store";
    String sink = name + "-sink";
    String openSink = name + "-open-sink";
    String deadLetters = name + "-deadletter-sink";

    @SuppressWarnings("unchecked")
    Serializer<SpecificRecord> valueSerializer = (Serializer<SpecificRecord>) outputSerializer;
    // Decoding and aggregating run in one node: no forward per record between them (issue 13).
    topology.addSource(source, new ByteArrayDeserializer(), new ByteArrayDeserializer(), inputTopic)
        .addProcessor(windows, () -> DecodingProcessor.into(decode, windows,
            new WindowedAggregationProcessor<>(store, aggregation.get(), config, sink, openSink), deadLetters), source)
        .addStateStore(WindowAggregateStore.builder(store, aggregation.get()), windows)
        .addSink(sink, outputTopic, new StringSerializer(), valueSerializer, new ServicePartitioner<>(), windows)
        .addSink(openSink, openOutputTopic, new StringSerializer(), valueSerializer, new ServicePartitioner<>(), windows)
        .addSink(deadLetters, config.topics().deadLetter(), new ByteArraySerializer(), new ByteArraySerializer(),
            windows);
    return topology;
  }
}
