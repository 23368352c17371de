package dev.klaxon.kafka.internal;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Formats a log directory the way {@code kafka-storage.sh format} does, once: a directory with
 * {@code meta.properties} already belongs to a cluster and is reused as it is.
 */
public final class StorageFormatter {

  private StorageFormatter() {}

  /** Returns true when the directory was formatted now, false when it already was. */
  public static boolean formatIfNeeded(Path logDir) throws Exception {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return false;
    }
    Files.createDirectories(logDir);
    String dir = logDir.toAbsolutePath().toString();
    new Formatter()
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
        .setNodeId(BrokerProperties.NODE_ID)
        .setClusterId(Uuid.randomUuid().toString())
        .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
        .setControllerListenerName(BrokerProperties.CONTROLLER_LISTENER)
        .setMetadataLogDirectory(dir)
        .addDirectory(dir)
        .run();
    return true;
  }
}
