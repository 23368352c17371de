package dev.klaxon.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.schemas.registry.internal.BasicCredentials;
import dev.klaxon.schemas.registry.internal.RegistryJson;
import dev.klaxon.schemas.registry.internal.RegistryJson.ErrorBody;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;

/**
 * Client for the Confluent Schema Registry REST API (v1), which Confluent Schema Registry,
 * Redpanda, Karapace and Apicurio's ccompat API all serve (design §5).
 *
 * <p>Schema ids are global and immutable, so schemas by id and ids by (subject, schema) are cached
 * for the life of the client; "latest version" and compatibility answers change and are not.
 * Thread-safe. Credentials are sent as HTTP basic auth and never appear in messages or
 * {@link #toString()}.
 */
public final class SchemaRegistryClient {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; q=0.9, "
          + "application/json; q=0.5";

  private final String baseUrl;
  private final BasicCredentials credentials;
  private final Duration requestTimeout;
  private final HttpClient http;
  private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final ConcurrentMap<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

  private record SubjectSchema(String subject, Schema schema) {}

  private SchemaRegistryClient(Builder builder) {
    this.baseUrl = builder.baseUrl;
    this.credentials = builder.credentials;
    this.requestTimeout = builder.requestTimeout;
    this.http = HttpClient.newBuilder()
        .connectTimeout(builder.connectTimeout)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /**
   * Starts a client for the registry at {@code baseUrl}, e.g. {@code http://localhost:8081} or
   * {@code https://host/apis/ccompat/v7}. Credentials written into the URL as {@code user:password@}
   * are taken out of it and sent as basic auth.
   */
  public static Builder builder(String baseUrl) {
    return new Builder(baseUrl);
  }

  /**
   * Registers {@code schema} under {@code subject} (POST /subjects/{subject}/versions) and returns
   * its global id. Registering a schema the subject already has returns the existing id, so this is
   * also how a producer finds its id. Cached per (subject, schema).
   *
   * @throws SchemaRegistryException e.g. 409 when the registry finds it incompatible, 42201 invalid
   */
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(requireSubject(subject), Objects.requireNonNull(schema));
    Integer cached = idsBySubjectSchema.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions",
        RegistryJson.schemaRequest(schema), "register " + schema.getFullName(), subject);
    int id = answerInt(answer, "id", "register " + schema.getFullName(), subject);
    idsBySubjectSchema.putIfAbsent(key, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  /**
   * Finds {@code schema} among the versions of {@code subject} without registering it
   * (POST /subjects/{subject}); for producers not allowed to register.
   *
   * @throws SchemaRegistryException 40401 when the subject is unknown, 40403 when it lacks the schema
   */
  public RegisteredSchema lookup(String subject, Schema schema) {
    String action = "look up " + schema.getFullName();
    JsonNode answer = call("POST", "/subjects/" + encode(requireSubject(subject)),
        RegistryJson.schemaRequest(schema), action, subject);
    RegisteredSchema found = registered(answer, subject, action);
    idsBySubjectSchema.putIfAbsent(new SubjectSchema(subject, schema), found.id());
    return found;
  }

  /**
   * The schema with global id {@code id} (GET /schemas/ids/{id}); fetched once, then cached.
   *
   * @throws SchemaRegistryException 40403 when no schema has that id
   */
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    String action = "fetch schema id " + id;
    JsonNode answer = call("GET", "/schemas/ids/" + id, null, action, null);
    Schema schema;
    try {
      schema = RegistryJson.avroSchema(answer);
    } catch (RuntimeException e) {
      throw unreadableAnswer(action, null, e);
    }
    Schema raced = schemasById.putIfAbsent(id, schema);
    return raced != null ? raced : schema;
  }

  /**
   * The latest version of {@code subject} (GET /subjects/{subject}/versions/latest); not cached.
   *
   * @throws SchemaRegistryException 40401 when the subject is unknown
   */
  public RegisteredSchema latestVersion(String subject) {
    String action = "get the latest version";
    JsonNode answer = call("GET", "/subjects/" + encode(requireSubject(subject)) + "/versions/latest",
        null, action, subject);
    RegisteredSchema latest = registered(answer, subject, action);
    schemasById.putIfAbsent(latest.id(), latest.schema());
    return latest;
  }

  /**
   * Asks whether {@code schema} may follow the latest version of {@code subject} under the
   * subject's configured compatibility level
   * (POST /compatibility/subjects/{subject}/versions/latest?verbose=true); the messages say why not.
   *
   * @throws SchemaRegistryException 40401 when the subject is unknown, 42201 invalid schema
   */
  public CompatibilityResult checkCompatibility(String subject, Schema schema) {
    String action = "check compatibility of " + schema.getFullName();
    JsonNode answer = call("POST",
        "/compatibility/subjects/" + encode(requireSubject(subject)) + "/versions/latest?verbose=true",
        RegistryJson.schemaRequest(schema), action, subject);
    JsonNode compatible = answer.get("is_compatible");
    if (compatible == null || !compatible.isBoolean()) {
      throw unreadableAnswer(action, subject,
          new IllegalArgumentException("answer has no boolean 'is_compatible'"));
    }
    return new CompatibilityResult(compatible.booleanValue(), RegistryJson.messages(answer));
  }

  @Override
  public String toString() {
    return "SchemaRegistryClient[" + baseUrl + (credentials == null ? "" : ", basic auth") + "]";
  }

  private JsonNode call(String method, String path, String body, String action, String subject) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(requestTimeout)
        .header("Accept", ACCEPT);
    if (credentials != null) {
      request.header("Authorization", credentials.authorizationHeader());
    }
    if (body == null) {
      request.GET();
    } else {
      request.header("Content-Type", CONTENT_TYPE)
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new SchemaRegistryException(failure(action, subject)
          + ": no answer within " + requestTimeout.toMillis() + " ms", 0, 0, e);
    } catch (IOException e) {
      throw new SchemaRegistryException(failure(action, subject) + ": cannot reach the registry ("
          + e.getClass().getSimpleName() + ")", 0, 0, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException(failure(action, subject) + ": interrupted", 0, 0, e);
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      ErrorBody error = ErrorBody.parse(status, response.body());
      throw new SchemaRegistryException(failure(action, subject) + ": " + explain(error.errorCode())
          + " (HTTP " + status + ", error_code " + error.errorCode() + ": " + error.message() + ")",
          status, error.errorCode(), null);
    }
    try {
      return RegistryJson.parse(response.body());
    } catch (IllegalArgumentException e) {
      throw unreadableAnswer(action, subject, e);
    }
  }

  private RegisteredSchema registered(JsonNode answer, String subject, String action) {
    try {
      return new RegisteredSchema(subject, RegistryJson.requiredInt(answer, "id"),
          RegistryJson.requiredInt(answer, "version"), RegistryJson.avroSchema(answer));
    } catch (RuntimeException e) {
      throw unreadableAnswer(action, subject, e);
    }
  }

  private int answerInt(JsonNode answer, String field, String action, String subject) {
    try {
      return RegistryJson.requiredInt(answer, field);
    } catch (IllegalArgumentException e) {
      throw unreadableAnswer(action, subject, e);
    }
  }

  private SchemaRegistryException unreadableAnswer(String action, String subject, Exception e) {
    return new SchemaRegistryException(
        failure(action, subject) + ": unexpected answer: " + e.getMessage(), 200, 0, e);
  }

  private String failure(String action, String subject) {
    return "schema registry " + baseUrl + ": cannot " + action
        + (subject == null ? "" : " (subject '" + subject + "')");
  }

  private static String explain(int errorCode) {
    return switch (errorCode) {
      case SchemaRegistryException.SUBJECT_NOT_FOUND -> "subject not found";
      case SchemaRegistryException.VERSION_NOT_FOUND -> "version not found";
      case SchemaRegistryException.SCHEMA_NOT_FOUND -> "schema not found";
      case SchemaRegistryException.INCOMPATIBLE_SCHEMA ->
          "schema is incompatible with an earlier version of the subject";
      case SchemaRegistryException.INVALID_SCHEMA -> "invalid schema";
      case SchemaRegistryException.INVALID_VERSION -> "invalid version";
      case 401 -> "not authenticated (check the registry credentials)";
      case 403 -> "not authorized";
      default -> errorCode >= 50000 || (errorCode >= 500 && errorCode < 600)
          ? "the registry failed on its side" : "request refused";
    };
  }

  private static String requireSubject(String subject) {
    if (subject == null || subject.isEmpty()) {
      throw new IllegalArgumentException("subject must not be empty");
    }
    return subject;
  }

  private static String encode(String pathSegment) {
    return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Settings of a {@link SchemaRegistryClient}. */
  public static final class Builder {

    private final String baseUrl;
    private BasicCredentials credentials;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(10);

    private Builder(String url) {
      URI uri;
      try {
        uri = new URI(Objects.requireNonNull(url, "registry URL").strip());
      } catch (URISyntaxException e) {
        // The input may hold credentials: name the problem, not the URL.
        throw new IllegalArgumentException("schema registry URL is malformed: " + e.getReason());
      }
      if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException("schema registry URL must be http(s)://host[:port][/path]");
      }
      if (uri.getRawUserInfo() != null) {
        credentials = BasicCredentials.fromUserInfo(uri.getRawUserInfo());
      }
      String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
      this.baseUrl = uri.getScheme() + "://" + uri.getHost()
          + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + path;
    }

    public Builder basicAuth(String user, String password) {
      this.credentials = BasicCredentials.of(user, password);
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = requirePositive(timeout);
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = requirePositive(timeout);
      return this;
    }

    public SchemaRegistryClient build() {
      return new SchemaRegistryClient(this);
    }

    private static Duration requirePositive(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive: " + timeout);
      }
      return timeout;
    }
  }
}
