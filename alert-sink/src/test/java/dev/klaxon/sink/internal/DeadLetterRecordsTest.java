package dev.klaxon.sink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.schemas.Severity;
import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.notify.delivery.DeadLetter;
import dev.klaxon.sink.testing.Alerts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class DeadLetterRecordsTest {

  private static final Instant AT = Instant.parse("2026-01-05T10:00:00Z");

  @Test
  void keyedByGroupKeyWithTheGroupAsJsonAndHeadersSayingWhy() throws Exception {
    AlertGroup group = new AlertGroup("{}:{service=\"api\"}", "team", Map.of("service", "api"),
        List.of(Alerts.firing("fp-1", "HighErrorRate", Severity.critical, AT, "service", "api")));
    DeadLetter letter = new DeadLetter("team", "slack[1]", group, "permanent failure: slack: HTTP 404: channel_not_found",
        true, 1, AT);

    ProducerRecord<String, byte[]> record = DeadLetterRecords.of("klaxon.deadletter", letter);

    assertThat(record.topic()).isEqualTo("klaxon.deadletter");
    assertThat(record.key()).isEqualTo("{}:{service=\"api\"}");
    assertThat(record.timestamp()).isEqualTo(AT.toEpochMilli());
    assertThat(header(record, "klaxon.error")).isEqualTo("permanent failure: slack: HTTP 404: channel_not_found");
    assertThat(header(record, "klaxon.receiver")).isEqualTo("team");
    assertThat(header(record, "klaxon.integration")).isEqualTo("slack[1]");
    assertThat(header(record, "klaxon.attempts")).isEqualTo("1");
    JsonNode value = new ObjectMapper().readTree(record.value());
    assertThat(value.path("groupKey").asText()).isEqualTo(group.groupKey());
    assertThat(value.path("integration").asText()).isEqualTo("slack[1]");
    assertThat(value.path("permanent").asBoolean()).isTrue();
    assertThat(value.path("groupLabels").path("service").asText()).isEqualTo("api");
    assertThat(value.path("alerts").get(0).path("fingerprint").asText()).isEqualTo("fp-1");
    assertThat(value.path("alerts").get(0).path("status").asText()).isEqualTo("firing");
  }

  private static String header(ProducerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
