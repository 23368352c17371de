package dev.klaxon.gateway.internal;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Kafka answers, probed with {@code describeCluster} in the background so that
 * {@code /health/ready} and every request read a cached answer instead of waiting on the cluster.
 */
final class KafkaReadiness implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KafkaReadiness.class);

  private final Admin admin;
  private final Duration interval;
  private final Duration timeout;
  private final ScheduledExecutorService scheduler;
  private volatile boolean reachable;
  private volatile boolean stopping;

  KafkaReadiness(Admin admin, Duration interval, Duration timeout) {
    this.admin = admin;
    this.interval = interval;
    this.timeout = timeout;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "klaxon-gateway-readiness");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Probes once now (so a gateway started against a healthy cluster is ready at once), then periodically. */
  void start() {
    probe();
    scheduler.scheduleWithFixedDelay(this::probe, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean kafkaReachable() {
    return reachable;
  }

  /** Ready to take traffic: Kafka answers and the gateway is not shutting down. */
  boolean isReady() {
    return reachable && !stopping;
  }

  /** From now on not ready, so load balancers stop sending while in-flight requests finish. */
  void markStopping() {
    stopping = true;
  }

  private void probe() {
    boolean now;
    String failure = null;
    try {
      admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
          .clusterId().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
      now = true;
    } catch (ExecutionException e) {
      now = false;
      failure = e.getCause() == null ? e.toString() : e.getCause().toString();
    } catch (TimeoutException e) {
      now = false;
      failure = "no answer within " + timeout.toMillis() + " ms";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (now != reachable) {
      if (now) {
        log.info("Kafka is reachable: accepting events");
      } else {
        log.warn("Kafka is unreachable ({}): answering 503 to events until it is back", failure);
      }
    }
    reachable = now;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
