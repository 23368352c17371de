package dev.klaxon.replay.copy;

import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerdes;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The service of an input record, for {@code --services}: requests and logs are keyed by service
 * (design §3), so the key answers without decoding; costs are keyed by user, so they are decoded.
 * A record that does not decode has no service: the copy keeps it, and the replayed processor
 * dead-letters it as the live one did.
 */
final class ServiceOf {

  private final Topics live;
  private final AvroSerdes serdes;

  ServiceOf(Topics live, AvroSerdes serdes) {
    this.live = live;
    this.serdes = serdes;
  }

  Optional<String> apply(ConsumerRecord<byte[], byte[]> record) {
    boolean costs = record.topic().equals(live.costs());
    if (!costs && record.key() != null) {
      return Optional.of(new String(record.key(), StandardCharsets.UTF_8));
    }
    try {
      if (costs) {
        return Optional.of(serdes.forValues(CostEvent.class).decode(record.topic(), record.value()).getService());
      }
      if (record.topic().equals(live.requests())) {
        return Optional.of(serdes.forValues(RequestEvent.class).decode(record.topic(), record.value()).getService());
      }
      return Optional.of(serdes.forValues(LogEvent.class).decode(record.topic(), record.value()).getService());
    } catch (RuntimeException undecodable) {
      return Optional.empty();
    }
  }
}
