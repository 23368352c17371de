package dev.klaxon.sink.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.klaxon.sink.InvalidConfigException;
import dev.klaxon.sink.notify.RecordingServer.Response;
import dev.klaxon.sink.notify.delivery.DeadLetter;
import dev.klaxon.sink.notify.delivery.Destinations;
import dev.klaxon.sink.notify.delivery.RetryPolicy;
import dev.klaxon.sink.notify.delivery.TimeSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No notifier may leak its URL, routing key or token: not in exception messages (causes and stack
 * traces included), dead-letter reasons, log lines or toString — whatever the failure (4xx with a
 * body that echoes the request, 5xx, 429, connection refused, timeout). The servers here echo the
 * secrets back on purpose.
 */
class NoSecretLeakTest {

  private static final String TOKEN = "T0PSECRETtoken9f8e7d6c5b4a";
  private static final String ROUTING_KEY = "R0UTINGsecretKEY1234567890abcd";
  private static final String BEARER = "BEARERsecret0987654321zyxw";

  enum Failure { CLIENT_ERROR, SERVER_ERROR, RATE_LIMITED, CONNECTION_REFUSED, TIMEOUT }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (String type : List.of("slack", "discord", "pagerduty", "webhook")) {
      for (Failure failure : Failure.values()) {
        cases.add(Arguments.of(type, failure));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void noSecretInErrorsDeadLettersOrLogs(String type, Failure failure) throws Exception {
    try (RecordingServer server = RecordingServer.start(); LogCapture logs = new LogCapture()) {
      String base = failure == Failure.CONNECTION_REFUSED ? RecordingServer.downUrl("") : server.url("");
      String url = base + "/hooks/" + TOKEN + "?token=" + TOKEN;
      String echo = "bad request for " + url + " key " + ROUTING_KEY + " auth " + BEARER + " path /hooks/" + TOKEN;
      switch (failure) {
        case CLIENT_ERROR -> server.byDefault(Response.status(400, echo));
        case SERVER_ERROR -> server.byDefault(Response.status(500, echo));
        case RATE_LIMITED -> server.byDefault(Response.status(429, echo, Map.of("Retry-After", "1")));
        case TIMEOUT -> server.byDefault(RecordingServer.hang());
        default -> { }
      }
      Integrations integrations = TestIntegrations.with(Map.of("URL", url, "KEY", ROUTING_KEY, "TOKEN", BEARER), NotifyStats.NONE);
      Notifier notifier = integrations.byType().get(type).create(TestIntegrations.yaml(config(type, url)), "receivers[0]." + type + "_configs[0]");

      List<String> seen = new ArrayList<>();
      seen.add(notifier.toString());
      if (failure != Failure.TIMEOUT) {
        try {
          notifier.notify(Fixtures.firingGroup());
          throw new AssertionError("expected a failure");
        } catch (NotifyException e) {
          seen.add(everything(e));
        }
      }
      List<DeadLetter> letters = new CopyOnWriteArrayList<>();
      try (Destinations delivery = Destinations.builder(letters::add)
          .policy(new RetryPolicy(Duration.ofMillis(300), 2, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1)))
          .time(instantTime()).build()) {
        delivery.start("team", type + "[0]", notifier).submit(Fixtures.firingGroup(), outcome -> {});
        await().atMost(Duration.ofSeconds(10)).until(() -> letters.size() == 1);
      }
      letters.forEach(letter -> seen.add(letter.reason() + " " + letter));
      seen.addAll(logs.lines());

      assertThat(logs.lines()).as("the failure was logged, so the log check means something").isNotEmpty();
      String all = String.join("\n", seen);
      for (String secret : secretsOf(type)) {
        assertThat(all).doesNotContain(secret);
      }
    }
  }

  @Test
  void configErrorsNeverRepeatTheSecret() {
    Integrations integrations = TestIntegrations.with(Map.of(), NotifyStats.NONE);
    String secretUrl = "not a url " + TOKEN;
    for (String type : List.of("slack", "discord", "webhook")) {
      assertThatThrownBy(() -> integrations.byType().get(type).create(TestIntegrations.yaml("url: '" + secretUrl + "'"), "r"))
          .isInstanceOf(InvalidConfigException.class)
          .satisfies(e -> assertThat(everything(e)).doesNotContain(TOKEN));
      assertThatThrownBy(() -> integrations.byType().get(type).create(TestIntegrations.yaml("url: '" + secretUrl + "'\nurl_env: X"), "r"))
          .satisfies(e -> assertThat(everything(e)).doesNotContain(TOKEN));
    }
  }

  /** The secrets this notifier holds (the echo also carries the others, which it never had). */
  private static List<String> secretsOf(String type) {
    return switch (type) {
      case "pagerduty" -> List.of(ROUTING_KEY, TOKEN);
      case "webhook" -> List.of(TOKEN, BEARER);
      default -> List.of(TOKEN);
    };
  }

  private static String config(String type, String url) {
    return switch (type) {
      case "pagerduty" -> "routing_key_env: KEY\nurl: " + url;
      case "webhook" -> "url_env: URL\nbearer_token_env: TOKEN";
      default -> "url_env: URL";
    };
  }

  /** Message, causes and stack trace as text. */
  private static String everything(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return e + "\n" + out;
  }

  /** Waits take no real time: the clock jumps instead. */
  private static TimeSource instantTime() {
    return new TimeSource() {
      private Instant now = Instant.EPOCH;

      @Override
      public synchronized Instant now() {
        return now;
      }

      @Override
      public synchronized void sleep(Duration duration) {
        now = now.plus(duration);
      }
    };
  }
}
