/**
 * Synthetic traffic: request events and the log lines they cause, as Avro records, without
 * Kafka (the caller sends them). One generator serves everything that needs believable traffic:
 * {@code klaxon demo}, the benchmarks in {@code load-tests}, replay tests and load tests. A
 * {@link dev.klaxon.traffic.TrafficProfile} says what to generate (services, routes, latencies,
 * error shares, logs, an injected {@link dev.klaxon.traffic.Incident}); the same profile, seed
 * and start time always give the same events.
 *
 * <p>A demo loop, driven by wall-clock time:
 * <pre>{@code
 * var generator = new TrafficGenerator(TrafficProfile.demo(), seed, System.currentTimeMillis());
 * long from = generator.startMs();
 * while (running) {
 *     Thread.sleep(100);
 *     long to = System.currentTimeMillis();
 *     generator.emitBetween(from, to, sink); // sink.request(..) → klaxon.requests, sink.log(..) → klaxon.logs
 *     from = to;
 * }
 * }</pre>
 *
 * <p>A benchmark, with synthetic increasing timestamps at the profile's rate:
 * <pre>{@code
 * var generator = new TrafficGenerator(TrafficProfile.benchmark(), seed, startMs);
 * for (int i = 0; i < 2_000_000; i++) {
 *     generator.emitNext(sink);
 * }
 * }</pre>
 */
package dev.klaxon.traffic;
