package dev.klaxon.gateway;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the gateway alone: {@code GatewayMain [config.yaml]} (no file: defaults and environment
 * only). Stops gracefully on SIGTERM.
 */
public final class GatewayMain {

  private static final Logger log = LoggerFactory.getLogger(GatewayMain.class);

  private GatewayMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    GatewayConfig config;
    try {
      config = args.length > 0 ? GatewayConfig.load(Path.of(args[0]), System.getenv())
          : GatewayConfig.parse("", System.getenv());
    } catch (ConfigException e) {
      log.error("invalid configuration: {}", e.getMessage());
      System.exit(2);
      return;
    }
    IngestGateway gateway = IngestGateway.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      gateway.close();
      stopped.countDown();
    }, "klaxon-gateway-shutdown"));
    stopped.await();
  }
}
