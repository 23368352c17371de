package dev.klaxon.gateway;

import static dev.klaxon.gateway.GatewayHttp.JSON;
import static dev.klaxon.gateway.TestEvents.array;
import static dev.klaxon.gateway.TestEvents.log;
import static dev.klaxon.gateway.TestEvents.now;
import static dev.klaxon.gateway.TestEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** /health/live, /health/ready and /metrics on the same port as the events. */
@KafkaIntegrationTest
class OpsEndpointsIntegrationTest {

  @Test
  void healthAndMetricsCountWhatHappened(KafkaTestEnv env) {
    env.createTopics(1);
    try (IngestGateway gateway = IngestGateway.start(GatewayFixture.demo(env))) {
      GatewayHttp http = new GatewayHttp(gateway);
      assertThat(http.get("/health/live").statusCode()).isEqualTo(200);
      HttpResponse<String> ready = http.get("/health/ready");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).contains("UP");

      assertThat(http.post(array(request("a"), request("b"), log("a", "info", "hi", now())), "Content-Type", JSON)
          .statusCode()).isEqualTo(202);
      assertThat(http.post(array(request("a"), request("b", "/x", 1000, 1, now())), "Content-Type", JSON)
          .statusCode()).isEqualTo(400);
      assertThat(http.post(request("a"), "Content-Type", "text/csv").statusCode()).isEqualTo(415);

      HttpResponse<String> metrics = http.get("/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("text/plain"));
      assertThat(metrics.body())
          .contains("klaxon_gateway_events_accepted_total{type=\"request\"} 2.0")
          .contains("klaxon_gateway_events_accepted_total{type=\"log\"} 1.0")
          .contains("klaxon_gateway_events_rejected_total{reason=\"invalid\"} 1.0")
          .contains("klaxon_gateway_batches_rejected_total{reason=\"unsupported_media_type\"} 1.0")
          .contains("klaxon_gateway_http_requests_seconds_count{endpoint=\"/v1/events\",status=\"202\"} 1")
          .contains("klaxon_gateway_http_requests_seconds_count{endpoint=\"/v1/events\",status=\"400\"} 1")
          .contains("klaxon_gateway_produce_latency_seconds_count 1")
          .contains("klaxon_gateway_kafka_reachable 1.0")
          .contains("kafka_producer_record_send_total");
    }
  }

  @Test
  void notReadyWhileClosing(KafkaTestEnv env) {
    IngestGateway gateway = IngestGateway.start(GatewayFixture.demo(env));
    assertThat(gateway.isReady()).isTrue();
    gateway.close();
    assertThat(gateway.isReady()).isFalse();
  }
}
