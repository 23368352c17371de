package dev.klaxon.gateway;

import static dev.klaxon.gateway.GatewayFixture.ADMIN_KEY;
import static dev.klaxon.gateway.GatewayFixture.CHECKOUT_KEY;
import static dev.klaxon.gateway.GatewayHttp.JSON;
import static dev.klaxon.gateway.GatewayHttp.bearer;
import static dev.klaxon.gateway.TestEvents.array;
import static dev.klaxon.gateway.TestEvents.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@KafkaIntegrationTest
class RateLimitIntegrationTest {

  @Test
  void eachKeyHasItsOwnBucketAnd429SaysWhenToRetry(KafkaTestEnv env) {
    env.createTopics(1);
    GatewayConfig config = GatewayFixture.withKeys(env).withRateLimit(new GatewayConfig.RateLimit(5, 10));
    try (IngestGateway gateway = IngestGateway.start(config)) {
      GatewayHttp http = new GatewayHttp(gateway);
      String tenEvents = array(request("checkout"), request("checkout"), request("checkout"), request("checkout"),
          request("checkout"), request("checkout"), request("checkout"), request("checkout"), request("checkout"),
          request("checkout"));

      assertThat(http.post(tenEvents, "Content-Type", JSON, "Authorization", bearer(CHECKOUT_KEY)).statusCode())
          .isEqualTo(202);
      HttpResponse<String> limited = http.post(tenEvents, "Content-Type", JSON, "Authorization", bearer(CHECKOUT_KEY));

      assertThat(limited.statusCode()).isEqualTo(429);
      // 10 tokens at 5/s: about 2 s, rounded up to whole seconds.
      assertThat(limited.headers().firstValue("Retry-After").map(Integer::parseInt))
          .hasValueSatisfying(seconds -> assertThat(seconds).isBetween(1, 2));
      assertThat(GatewayHttp.json(limited).get("error").asText()).contains("'checkout'");
      // Another key is not affected.
      assertThat(http.post(tenEvents, "Content-Type", JSON, "Authorization", bearer(ADMIN_KEY)).statusCode())
          .isEqualTo(202);
      // The bucket refills.
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() ->
          http.post(tenEvents, "Content-Type", JSON, "Authorization", bearer(CHECKOUT_KEY)).statusCode() == 202);
      assertThat(gateway.scrapeMetrics()).containsPattern(
          "klaxon_gateway_batches_rejected_total\\{reason=\"rate_limited\"} [1-9]");
    }
  }
}
