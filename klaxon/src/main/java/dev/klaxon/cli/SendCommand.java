package dev.klaxon.cli;

import dev.klaxon.schemas.InputRecords;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.json.EventJsonParser;
import dev.klaxon.schemas.serde.AvroSerdes;
import dev.klaxon.schemas.json.FieldError;
import dev.klaxon.schemas.json.ParseResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Validates events given as JSON and produces them to their input topics. */
@Command(name = "send", mixinStandardHelpOptions = true,
    description = {"Validate events given as JSON and produce them to klaxon.requests, klaxon.logs or klaxon.costs.",
        "Example: klaxon send '{\"type\":\"request\",\"service\":\"api\",\"route\":\"GET /\",\"status\":200,"
            + "\"durationMs\":12.5,\"timestamp\":\"2026-11-23T10:00:00Z\"}'"})
final class SendCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin KafkaOptions kafka;

  @Parameters(paramLabel = "JSON", arity = "0..1",
      description = "One JSON object, a JSON array or NDJSON; '-' or nothing reads standard input.")
  String json;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    String body = json == null || json.equals("-")
        ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : json;
    ParseResult parsed = new EventJsonParser().parseBatch(body);
    if (!parsed.isValid()) {
      for (FieldError error : parsed.errors()) {
        err.println("klaxon send: invalid event " + error.index()
            + (error.field() == null ? "" : ", field " + error.field()) + ": " + error.message());
      }
      return 2;
    }
    Topics topics = kafka.topics();
    AvroSerdes serdes = kafka.serdes();
    Map<String, Object> props = kafka.clientProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (SpecificRecord event : parsed.events()) {
        RecordMetadata written = producer.send(InputRecords.toProducerRecord(topics, event, serdes)).get(30, TimeUnit.SECONDS);
        spec.commandLine().getOut().printf("sent to %s-%d@%d%n", written.topic(), written.partition(), written.offset());
      }
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      err.println("klaxon send: Kafka at " + kafka.resolveBootstrapServers() + " did not take the event: " + cause.getMessage());
      return 1;
    }
    return 0;
  }
}
