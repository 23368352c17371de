package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerFileTest {

  @TempDir Path home;

  @Test
  void aPublishedBrokerIsFoundWhileItsProcessLives() throws Exception {
    EmbeddedBrokerFile file = new EmbeddedBrokerFile(home.resolve(".klaxon/embedded-broker"));

    file.publish("127.0.0.1:9092");

    assertThat(file.find()).contains("127.0.0.1:9092");
  }

  @Test
  void aBrokerLeftBehindByADeadProcessIsIgnored() throws Exception {
    Path path = home.resolve("embedded-broker");
    Process finished = new ProcessBuilder("true").start();
    finished.waitFor();
    Files.writeString(path, "127.0.0.1:9092\n" + finished.pid() + "\n");

    assertThat(new EmbeddedBrokerFile(path).find()).isEmpty();
  }

  @Test
  void withdrawingRemovesOnlyThisProcesssAnnouncement() throws Exception {
    Path path = home.resolve("embedded-broker");
    EmbeddedBrokerFile file = new EmbeddedBrokerFile(path);
    Files.writeString(path, "127.0.0.1:9999\n" + ProcessHandle.current().parent().orElseThrow().pid() + "\n");

    file.withdraw();
    assertThat(path).as("another process's broker stays announced").exists();

    file.publish("127.0.0.1:9092");
    file.withdraw();
    assertThat(path).doesNotExist();
  }

  @Test
  void noFileOrAGarbledOneMeansNoBroker() throws Exception {
    Path path = home.resolve("embedded-broker");
    assertThat(new EmbeddedBrokerFile(path).find()).isEmpty();

    Files.writeString(path, "just one line");
    assertThat(new EmbeddedBrokerFile(path).find()).isEmpty();
  }
}
