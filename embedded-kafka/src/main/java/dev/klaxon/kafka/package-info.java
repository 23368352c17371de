/**
 * A real single-node Kafka cluster (KRaft, combined controller and broker) inside the JVM, for
 * {@code klaxon demo}/{@code klaxon run} and for integration tests.
 *
 * <p>An application keeps its data between runs:
 *
 * <pre>{@code
 * EmbeddedKafka kafka = new EmbeddedKafka(EmbeddedKafkaConfig.ephemeral()
 *     .withDataDir(Path.of(System.getProperty("user.home"), ".klaxon", "kafka"))
 *     .withPort(9092)).start();            // PortInUseException when 9092 is taken
 * Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
 * kafka.createTopics(Topics.defaults());   // idempotent
 * String bootstrap = kafka.bootstrapServers();
 * }</pre>
 *
 * <p>Tests use {@link dev.klaxon.kafka.junit.EmbeddedKafkaExtension} instead, which shares one
 * broker per test JVM.
 */
package dev.klaxon.kafka;
