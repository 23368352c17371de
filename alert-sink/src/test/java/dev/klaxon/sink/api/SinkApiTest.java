package dev.klaxon.sink.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.Severity;
import dev.klaxon.sink.Secret;
import dev.klaxon.sink.pipeline.DecisionTimeline;
import dev.klaxon.sink.silence.Silences;
import dev.klaxon.sink.testing.Alerts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sink's HTTP API on a real local port, without a broker: the why timeline and the admin key in front of it. */
class SinkApiTest {

  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  private static final Secret KEY = Secret.of("admin-key-0123456789");

  private final HttpClient http = HttpClient.newHttpClient();
  private final Silences silences = new Silences();
  private final DecisionTimeline timeline = new DecisionTimeline();
  private SinkApi api;

  @BeforeEach
  void start() throws Exception {
    api = SinkApi.start(0, silences, silences::put, List.of(KEY), Clock.fixed(T0, ZoneOffset.UTC), timeline);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private HttpResponse<String> get(String path, boolean withKey) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path));
    if (withKey) {
      request.header("Authorization", "Bearer " + KEY.reveal());
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theWhyTimelineOfAnAlertIsServedToAnAdminKey() throws Exception {
    timeline.received(Alerts.firing("fp-1", "HighErrorRate", Severity.critical, T0, "service", "api"),
        List.of("{}:{service=\"api\"}"), T0);

    HttpResponse<String> why = get("/api/v1/alerts/fp-1/why", true);

    assertThat(why.statusCode()).isEqualTo(200);
    assertThat(why.body()).contains("\"at\":\"2026-01-05T10:00:00Z\"")
        .contains("received firing (critical), grouped into {}:{service=\\\"api\\\"}");
    assertThat(get("/api/v1/alerts/unknown/why", true).body()).isEqualTo("[]");
  }

  @Test
  void neitherTheTimelineNorTheSilencesAreServedWithoutAnAdminKey() throws Exception {
    HttpResponse<String> why = get("/api/v1/alerts/fp-1/why", false);
    HttpResponse<String> silenceList = get("/api/v1/silences", false);

    assertThat(why.statusCode()).isEqualTo(401);
    assertThat(silenceList.statusCode()).isEqualTo(401);
    assertThat(why.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(get("/api/v1/silences", true).statusCode()).isEqualTo(200);
  }

  @Test
  void anAlertPathNotEndingInWhyIsNotFound() throws Exception {
    assertThat(get("/api/v1/alerts/fp-1", true).statusCode()).isEqualTo(404);
  }
}
