package dev.klaxon.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceGroupTest {

  private final List<String> events = new ArrayList<>();

  private RunningService service(String name) {
    events.add("start " + name);
    return new RunningService() {
      @Override
      public String describe() {
        return name;
      }

      @Override
      public void close() {
        events.add("stop " + name);
      }
    };
  }

  @Test
  void rolesStopInTheReverseOrderOfTheirStart() {
    ServiceGroup group = new ServiceGroup();
    group.start("kafka", () -> service("kafka"));
    group.start("processor", () -> service("processor"));
    group.start("gateway", () -> service("gateway"));

    group.close();
    group.close();

    assertThat(events).containsExactly("start kafka", "start processor", "start gateway",
        "stop gateway", "stop processor", "stop kafka");
  }

  @Test
  void aRoleThatFailsToStartStopsTheOnesBeforeIt() {
    ServiceGroup group = new ServiceGroup();
    group.start("kafka", () -> service("kafka"));

    assertThatThrownBy(() -> group.start("sink", () -> {
      throw new IllegalStateException("port 9465 is taken");
    })).hasMessage("port 9465 is taken");

    assertThat(events).containsExactly("start kafka", "stop kafka");
  }

  @Test
  void awaitingShutdownWithATimeoutStopsEveryRoleWhenItPasses() throws Exception {
    ServiceGroup group = new ServiceGroup();
    group.start("processor", () -> service("processor"));

    group.awaitShutdown(Duration.ofMillis(50));

    assertThat(events).containsExactly("start processor", "stop processor");
  }
}
