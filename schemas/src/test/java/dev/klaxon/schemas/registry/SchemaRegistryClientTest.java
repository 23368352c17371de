package dev.klaxon.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientTest {

  static final String SUBJECT = "klaxon.pings-value";
  static final Schema V1 = SchemaBuilder.record("Ping").namespace("dev.klaxon.test").fields()
      .requiredString("service").endRecord();
  static final Schema V2 = SchemaBuilder.record("Ping").namespace("dev.klaxon.test").fields()
      .requiredString("service").name("region").type().stringType().stringDefault("eu").endRecord();
  static final Schema BREAKING = SchemaBuilder.record("Ping").namespace("dev.klaxon.test").fields()
      .requiredString("service").requiredLong("sequence").endRecord();

  FakeSchemaRegistry registry;
  SchemaRegistryClient client;

  @BeforeEach
  void start() throws IOException {
    registry = new FakeSchemaRegistry();
    client = SchemaRegistryClient.builder(registry.url()).build();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void registersASchemaWithTheRegistryContentTypeAndCachesTheId() {
    int id = client.register(SUBJECT, V1);

    assertThat(client.register(SUBJECT, V1)).isEqualTo(id);
    assertThat(registry.requests("POST /subjects/" + SUBJECT + "/versions")).isEqualTo(1);
    assertThat(registry.contentTypes()).containsExactly("application/vnd.schemaregistry.v1+json");
    assertThat(client.latestVersion(SUBJECT))
        .isEqualTo(new RegisteredSchema(SUBJECT, id, 1, V1));
  }

  @Test
  void fetchesASchemaByIdOnceThenFromTheCache() {
    int id = registry.register("other-value", V2);

    assertThat(client.schemaById(id)).isEqualTo(V2);
    assertThat(client.schemaById(id)).isEqualTo(V2);
    assertThat(registry.requests("GET /schemas/ids/" + id)).isEqualTo(1);
  }

  @Test
  void aRegisteredSchemaNeedsNoFetchById() {
    int id = client.register(SUBJECT, V1);

    assertThat(client.schemaById(id)).isEqualTo(V1);
    assertThat(registry.requests("GET /schemas/ids/" + id)).isZero();
  }

  @Test
  void latestVersionFollowsNewRegistrations() {
    client.register(SUBJECT, V1);
    int v2 = client.register(SUBJECT, V2);

    RegisteredSchema latest = client.latestVersion(SUBJECT);

    assertThat(latest.version()).isEqualTo(2);
    assertThat(latest.id()).isEqualTo(v2);
    assertThat(latest.schema()).isEqualTo(V2);
  }

  @Test
  void unknownSubjectIs40401NamingTheSubject() {
    SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class,
        () -> client.latestVersion("klaxon.nothing-value"));

    assertThat(e.httpStatus()).isEqualTo(404);
    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND);
    assertThat(e.isRetriable()).isFalse();
    assertThat(e).hasMessageContaining("subject 'klaxon.nothing-value'")
        .hasMessageContaining("subject not found")
        .hasMessageContaining("error_code 40401");
  }

  @Test
  void unknownSchemaIdIs40403() {
    SchemaRegistryException e =
        catchThrowableOfType(SchemaRegistryException.class, () -> client.schemaById(4242));

    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
    assertThat(e).hasMessageContaining("schema id 4242").hasMessageContaining("schema not found");
  }

  @Test
  void incompatibleRegistrationIs409NamingTheSubject() {
    client.register(SUBJECT, V1);

    SchemaRegistryException e =
        catchThrowableOfType(SchemaRegistryException.class, () -> client.register(SUBJECT, BREAKING));

    assertThat(e.httpStatus()).isEqualTo(409);
    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
    assertThat(e).hasMessageContaining("register dev.klaxon.test.Ping (subject '" + SUBJECT + "')")
        .hasMessageContaining("incompatible").hasMessageContaining("sequence");
  }

  @Test
  void invalidSchemaAnswerIs42201() {
    registry.answerNext(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}");

    SchemaRegistryException e =
        catchThrowableOfType(SchemaRegistryException.class, () -> client.register(SUBJECT, V1));

    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INVALID_SCHEMA);
    assertThat(e).hasMessageContaining("invalid schema").hasMessageContaining(SUBJECT);
  }

  @Test
  void backendErrorsAreRetriable() {
    registry.answerNext(500, "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}");

    SchemaRegistryException e =
        catchThrowableOfType(SchemaRegistryException.class, () -> client.latestVersion(SUBJECT));

    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.BACKEND_STORE_ERROR);
    assertThat(e.isRetriable()).isTrue();
    assertThat(e).hasMessageContaining("failed on its side");
  }

  @Test
  void anUndocumentedErrorBodyIsQuotedAndTheStatusStandsForTheCode() {
    registry.answerNext(502, "<html>Bad Gateway</html>");

    SchemaRegistryException e =
        catchThrowableOfType(SchemaRegistryException.class, () -> client.schemaById(1));

    assertThat(e.httpStatus()).isEqualTo(502);
    assertThat(e.errorCode()).isEqualTo(502);
    assertThat(e).hasMessageContaining("<html>Bad Gateway</html>");
  }

  @Test
  void aSuccessWithoutTheExpectedFieldsIsReportedNotMisread() {
    registry.answerNext(200, "{\"unexpected\":true}");

    assertThatThrownBy(() -> client.register(SUBJECT, V1))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("unexpected answer").hasMessageContaining("'id'");
  }

  @Test
  void compatibilityCheckSaysYesOrNoWithReasons() {
    client.register(SUBJECT, V1);

    assertThat(client.checkCompatibility(SUBJECT, V2)).isEqualTo(new CompatibilityResult(true, java.util.List.of()));
    CompatibilityResult breaking = client.checkCompatibility(SUBJECT, BREAKING);
    assertThat(breaking.compatible()).isFalse();
    assertThat(breaking.messages()).singleElement().asString().contains("sequence");
    assertThat(registry.requests("POST /compatibility/subjects/" + SUBJECT + "/versions/latest"))
        .isEqualTo(2);
  }

  @Test
  void compatibilityCheckOfAnUnknownSubjectIs40401() {
    assertThatThrownBy(() -> client.checkCompatibility("klaxon.new-value", V1))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND))
        .hasMessageContaining("klaxon.new-value");
  }

  @Test
  void lookupFindsARegisteredSchemaWithoutRegisteringIt() {
    int id = registry.register(SUBJECT, V1);

    assertThat(client.lookup(SUBJECT, V1)).isEqualTo(new RegisteredSchema(SUBJECT, id, 1, V1));
    assertThatThrownBy(() -> client.lookup(SUBJECT, V2))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
    assertThat(registry.requests("POST /subjects/" + SUBJECT + "/versions")).isZero();
  }

  @Test
  void subjectsAreEncodedAsOnePathSegment() {
    String odd = "team a/pings-value";

    int id = client.register(odd, V1);

    assertThat(client.latestVersion(odd).id()).isEqualTo(id);
  }

  @Test
  void unreachableRegistryIsRetriableAndNamesTheSubject() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    SchemaRegistryClient nowhere = SchemaRegistryClient.builder("http://127.0.0.1:" + closedPort).build();

    SchemaRegistryException e =
        catchThrowableOfType(SchemaRegistryException.class, () -> nowhere.register(SUBJECT, V1));

    assertThat(e.httpStatus()).isZero();
    assertThat(e.isRetriable()).isTrue();
    assertThat(e).hasMessageContaining("cannot reach the registry").hasMessageContaining(SUBJECT);
  }

  @Test
  void aSlowRegistryTimesOut() {
    SchemaRegistryClient impatient = SchemaRegistryClient.builder(registry.url())
        .requestTimeout(Duration.ofMillis(200)).build();
    registry.delayNext(Duration.ofSeconds(2));

    assertThatThrownBy(() -> impatient.schemaById(1))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isRetriable()).isTrue())
        .hasMessageContaining("no answer within 200 ms");
  }

  @Test
  void sendsBasicAuth() {
    registry.requireBasicAuth("klaxon", "s3cr3t-pw");
    SchemaRegistryClient authed =
        SchemaRegistryClient.builder(registry.url()).basicAuth("klaxon", "s3cr3t-pw").build();

    int id = authed.register(SUBJECT, V1);

    assertThat(authed.schemaById(id)).isEqualTo(V1);
    assertThat(registry.lastAuthorization()).startsWith("Basic ");
  }

  @Test
  void credentialsInTheUrlBecomeBasicAuthAndLeaveTheUrl() {
    registry.requireBasicAuth("klaxon", "s3cr3t-pw");
    SchemaRegistryClient authed = SchemaRegistryClient
        .builder("http://klaxon:s3cr3t-pw@127.0.0.1:" + registry.port() + "/").build();

    assertThat(authed.register(SUBJECT, V1)).isPositive();
    assertThat(authed.toString()).isEqualTo("SchemaRegistryClient[" + registry.url() + ", basic auth]");
  }

  @Test
  void credentialsNeverLeakIntoMessagesOrToString() throws IOException {
    registry.requireBasicAuth("klaxon", "right-pw");
    String secret = "wr0ng-s3cr3t";
    String token = Base64.getEncoder().encodeToString(("klaxon:" + secret).getBytes(StandardCharsets.UTF_8));
    SchemaRegistryClient wrong = SchemaRegistryClient
        .builder("http://klaxon:" + secret + "@127.0.0.1:" + registry.port()).build();
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    SchemaRegistryClient unreachable = SchemaRegistryClient.builder("http://127.0.0.1:" + closedPort)
        .basicAuth("klaxon", secret).build();

    SchemaRegistryException refused =
        catchThrowableOfType(SchemaRegistryException.class, () -> wrong.register(SUBJECT, V1));
    SchemaRegistryException unreached =
        catchThrowableOfType(SchemaRegistryException.class, () -> unreachable.schemaById(1));

    assertThat(refused.httpStatus()).isEqualTo(401);
    assertThat(refused).hasMessageContaining("not authenticated");
    for (Object leakable : new Object[] {refused.getMessage(), unreached.getMessage(),
        String.valueOf(unreached.getCause()), wrong.toString(), unreachable.toString()}) {
      assertThat(String.valueOf(leakable)).doesNotContain(secret).doesNotContain(token);
    }
  }

  @Test
  void aMalformedUrlIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> SchemaRegistryClient.builder("http://klaxon:pa ss@host:8081"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("pa ss");
    assertThatThrownBy(() -> SchemaRegistryClient.builder("ftp://host"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s)");
  }
}
