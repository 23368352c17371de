package dev.klaxon.kafka.junit;

import dev.klaxon.kafka.EmbeddedKafka;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real Kafka broker: one per test JVM, started on first use and stopped after the
 * last test. Tests declare a {@link KafkaTestEnv} parameter (in the test, {@code @BeforeEach} or
 * {@code @AfterEach} method: the same instance for one test) or an {@link EmbeddedKafka} parameter.
 * A {@link KafkaTestEnv} resolved in {@code @BeforeAll} or the constructor belongs to the class and
 * is shared by its tests.
 *
 * <pre>{@code
 * @KafkaIntegrationTest
 * class RoundTripIntegrationTest {
 *   @Test
 *   void roundTrip(KafkaTestEnv env) {
 *     Topics topics = env.createTopics(1);
 *     ...
 *   }
 * }
 * }</pre>
 */
public final class EmbeddedKafkaExtension implements ParameterResolver {

  private static final Namespace NAMESPACE = Namespace.create(EmbeddedKafkaExtension.class);
  /** Topic names allow 249 characters; Streams appends its own suffixes to the application id. */
  private static final int MAX_TEST_NAME = 40;
  private static final AtomicInteger TESTS = new AtomicInteger();

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KafkaTestEnv.class || type == EmbeddedKafka.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getParameter().getType() == EmbeddedKafka.class) {
      return sharedBroker(context).kafka();
    }
    // Store lookups see parent contexts too, so a class-level environment is reused by its tests.
    return context.getStore(NAMESPACE)
        .getOrComputeIfAbsent(KafkaTestEnv.class, key -> newEnv(context), KafkaTestEnv.class);
  }

  private static SharedBroker sharedBroker(ExtensionContext context) {
    // The root store is shared by all test classes and closes AutoCloseable values at the end.
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(SharedBroker.class, key -> SharedBroker.start(), SharedBroker.class);
  }

  private static KafkaTestEnv newEnv(ExtensionContext context) {
    SharedBroker broker = sharedBroker(context);
    String testName = context.getTestMethod().map(Method::getName)
        .orElseGet(() -> context.getRequiredTestClass().getSimpleName());
    String name = "t" + TESTS.incrementAndGet() + "-" + sanitize(testName);
    return new KafkaTestEnv(broker.kafka(), name, broker.streamsStateRoot());
  }

  /** Letters, digits, '_' and '-' only: the '.' ends the topic prefix. */
  private static String sanitize(String testName) {
    String safe = testName.replaceAll("[^a-zA-Z0-9_-]", "-");
    return safe.length() <= MAX_TEST_NAME ? safe : safe.substring(0, MAX_TEST_NAME);
  }
}
