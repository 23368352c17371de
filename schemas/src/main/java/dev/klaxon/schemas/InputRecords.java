package dev.klaxon.schemas;

import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.schemas.serde.AvroSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Where an input event goes (design §3): topic by type, keyed by service (costs by user), record
 * timestamp = event time, value in the registry-free Avro encoding. Every producer of Klaxon
 * (gateway, emitter, CLI) uses this, so events land the same way whoever sends them.
 */
public final class InputRecords {

  private static final AvroSerde<RequestEvent> REQUESTS = AvroSerde.embedded(RequestEvent.class);
  private static final AvroSerde<LogEvent> LOGS = AvroSerde.embedded(LogEvent.class);
  private static final AvroSerde<CostEvent> COSTS = AvroSerde.embedded(CostEvent.class);

  private InputRecords() {}

  /** In the registry's encoding when {@code serdes} has one (values of registry serdes need the topic). */
  public static ProducerRecord<String, byte[]> toProducerRecord(Topics topics, SpecificRecord event,
      AvroSerdes serdes) {
    if (!serdes.usesRegistry()) {
      return toProducerRecord(topics, event);
    }
    ProducerRecord<String, byte[]> embedded = toProducerRecord(topics, event);
    @SuppressWarnings("unchecked")
    AvroSerde<SpecificRecord> serde = (AvroSerde<SpecificRecord>) serdes.forValues(event.getClass());
    return new ProducerRecord<>(embedded.topic(), null, embedded.timestamp(), embedded.key(),
        serde.encode(embedded.topic(), event));
  }

  public static ProducerRecord<String, byte[]> toProducerRecord(Topics topics, SpecificRecord event) {
    if (event instanceof RequestEvent request) {
      return new ProducerRecord<>(topics.requests(), null, request.getTimestamp(), request.getService(),
          REQUESTS.encode(request));
    }
    if (event instanceof LogEvent log) {
      return new ProducerRecord<>(topics.logs(), null, log.getTimestamp(), log.getService(), LOGS.encode(log));
    }
    if (event instanceof CostEvent cost) {
      return new ProducerRecord<>(topics.costs(), null, cost.getTimestamp(), cost.getUserId(), COSTS.encode(cost));
    }
    throw new IllegalArgumentException("not an input event: " + event.getSchema().getFullName());
  }
}
