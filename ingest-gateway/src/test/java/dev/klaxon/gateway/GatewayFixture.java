package dev.klaxon.gateway;

import dev.klaxon.kafka.junit.KafkaTestEnv;
import java.time.Duration;

/** Gateway configs for tests: loopback, a free port, the test's own topics. */
final class GatewayFixture {

  static final String ADMIN_KEY = "admin-key-0123456789abcdef";
  static final String CHECKOUT_KEY = "checkout-key-0123456789abcdef";

  private GatewayFixture() {
  }

  static GatewayConfig demo(KafkaTestEnv env) {
    return GatewayConfig.demo(env.bootstrapServers())
        .withTopicPrefix(env.topics().prefix())
        .withHttp(GatewayConfig.Http.DEFAULTS.withHost("127.0.0.1").withPort(0)
            .withShutdownTimeout(Duration.ofSeconds(10)));
  }

  /** {@link #ADMIN_KEY} may send for any service, {@link #CHECKOUT_KEY} for checkout and payments only. */
  static GatewayConfig withKeys(KafkaTestEnv env) {
    return demo(env).withAuth(GatewayConfig.Auth.keys(java.util.List.of(
        new GatewayConfig.ApiKey("admin", ADMIN_KEY, java.util.Set.of()),
        new GatewayConfig.ApiKey("checkout", CHECKOUT_KEY, java.util.Set.of("checkout", "payments")))));
  }
}
