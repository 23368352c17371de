package dev.klaxon.schemas.serde;

import dev.klaxon.schemas.registry.SchemaRegistryClient;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Which encoding a deployment writes (design §5): registry-free single-object encoding by default,
 * the Confluent wire format when a schema registry is configured. Readers accept both either way.
 */
public final class AvroSerdes {

  private final SchemaRegistryClient registry;

  private AvroSerdes(SchemaRegistryClient registry) {
    this.registry = registry;
  }

  public static AvroSerdes embedded() {
    return new AvroSerdes(null);
  }

  public static AvroSerdes registry(SchemaRegistryClient client) {
    return new AvroSerdes(client);
  }

  /** From an optional registry URL, e.g. a {@code --schema-registry-url} option. */
  public static AvroSerdes forRegistryUrl(Optional<String> url) {
    return url.filter(u -> !u.isBlank()).map(u -> registry(SchemaRegistryClient.builder(u).build()))
        .orElseGet(AvroSerdes::embedded);
  }

  /** Serde for record values. */
  public <T extends SpecificRecord> AvroSerde<T> forValues(Class<T> type) {
    return registry == null ? AvroSerde.embedded(type) : AvroSerde.registry(type, registry, false);
  }

  public boolean usesRegistry() {
    return registry != null;
  }
}
