package dev.klaxon.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a running embedded broker ({@code klaxon demo}, {@code klaxon run --embedded}) says it
 * listens, so {@code tail} and {@code send} find it from any directory: {@code ~/.klaxon/embedded-broker},
 * holding the address and the process id. A file left by a process that died is ignored.
 */
final class EmbeddedBrokerFile {

  static final Path DEFAULT = Path.of(System.getProperty("user.home"), ".klaxon", "embedded-broker");

  private final Path file;

  EmbeddedBrokerFile(Path file) {
    this.file = file;
  }

  static EmbeddedBrokerFile standard() {
    return new EmbeddedBrokerFile(DEFAULT);
  }

  /** Announces this process's broker; the last one started wins. */
  void publish(String bootstrapServers) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), "embedded-broker", ".tmp");
    Files.writeString(temp, bootstrapServers + "\n" + ProcessHandle.current().pid() + "\n");
    Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** The address of a broker whose process is still alive. */
  Optional<String> find() {
    try {
      List<String> lines = Files.readAllLines(file);
      if (lines.size() < 2) {
        return Optional.empty();
      }
      long pid = Long.parseLong(lines.get(1).strip());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(process -> lines.get(0).strip());
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Withdraws the announcement if it is still this process's. */
  void withdraw() {
    try {
      List<String> lines = Files.readAllLines(file);
      if (lines.size() >= 2 && lines.get(1).strip().equals(Long.toString(ProcessHandle.current().pid()))) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // nothing announced, or already gone
    }
  }
}
