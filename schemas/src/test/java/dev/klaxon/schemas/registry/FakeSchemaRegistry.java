package dev.klaxon.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;

/**
 * A real HTTP server on 127.0.0.1 speaking the documented Confluent Schema Registry endpoints from
 * an in-memory store, with BACKWARD compatibility against the latest version and the documented
 * error bodies. Counts requests per "METHOD /path" so tests can prove caching.
 */
public final class FakeSchemaRegistry implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, List<Integer>> versionsBySubject = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<String, Integer> idsByCanonicalForm = new ConcurrentHashMap<>();
  private final AtomicInteger nextId = new AtomicInteger(1);
  private final Map<String, AtomicInteger> requestCounts = new ConcurrentHashMap<>();
  private final List<String> contentTypes = new ArrayList<>();
  private volatile String requiredAuthorization;
  private volatile String lastAuthorization;
  private volatile Answer nextAnswer;
  private volatile Duration nextDelay = Duration.ZERO;

  private record Answer(int status, String body) {}

  public FakeSchemaRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Answers 401 unless requests carry these basic-auth credentials. */
  public void requireBasicAuth(String user, String password) {
    requiredAuthorization = "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The next request gets this answer, whatever it asks. */
  public void answerNext(int status, String body) {
    nextAnswer = new Answer(status, body);
  }

  public void delayNext(Duration delay) {
    nextDelay = delay;
  }

  /** Registers directly, as another producer would have. */
  public int register(String subject, Schema schema) {
    int id = idsByCanonicalForm.computeIfAbsent(SchemaNormalization.toParsingForm(schema), form -> {
      int newId = nextId.getAndIncrement();
      schemasById.put(newId, schema);
      return newId;
    });
    List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
    synchronized (versions) {
      if (!versions.contains(id)) {
        versions.add(id);
      }
    }
    return id;
  }

  public int requests(String methodAndPath) {
    AtomicInteger count = requestCounts.get(methodAndPath);
    return count == null ? 0 : count.get();
  }

  public int totalRequests() {
    return requestCounts.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  public synchronized List<String> contentTypes() {
    return List.copyOf(contentTypes);
  }

  public String lastAuthorization() {
    return lastAuthorization;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      requestCounts.computeIfAbsent(method + " " + decodedPath(path), k -> new AtomicInteger())
          .incrementAndGet();
      synchronized (this) {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null) {
          contentTypes.add(contentType);
        }
      }
      lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
      Duration delay = nextDelay;
      nextDelay = Duration.ZERO;
      if (!delay.isZero()) {
        Thread.sleep(delay.toMillis());
      }
      Answer answer = nextAnswer;
      nextAnswer = null;
      if (answer == null) {
        answer = route(method, path, exchange.getRequestURI().getRawQuery(),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
            exchange.getRequestHeaders().getFirst("Authorization"));
      }
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.sendResponseHeaders(answer.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Answer route(String method, String rawPath, String query, String body, String auth) {
    if (requiredAuthorization != null && !requiredAuthorization.equals(auth)) {
      return error(401, 401, "Unauthorized");
    }
    String[] p = rawPath.substring(1).split("/");
    for (int i = 0; i < p.length; i++) {
      p[i] = URLDecoder.decode(p[i], StandardCharsets.UTF_8);
    }
    boolean verbose = query != null && query.contains("verbose=true");
    if (method.equals("POST") && p.length == 3 && p[0].equals("subjects") && p[2].equals("versions")) {
      return registerAnswer(p[1], body);
    }
    if (method.equals("POST") && p.length == 2 && p[0].equals("subjects")) {
      return lookupAnswer(p[1], body);
    }
    if (method.equals("GET") && p.length == 3 && p[0].equals("schemas") && p[1].equals("ids")) {
      Schema schema = schemasById.get(Integer.parseInt(p[2]));
      return schema == null ? error(404, 40403, "Schema " + p[2] + " not found")
          : ok(MAPPER.createObjectNode().put("schema", schema.toString()));
    }
    if (method.equals("GET") && p.length == 4 && p[0].equals("subjects") && p[3].equals("latest")) {
      List<Integer> versions = versionsBySubject.get(p[1]);
      return versions == null ? error(404, 40401, "Subject '" + p[1] + "' not found.")
          : ok(version(p[1], versions.size(), versions.get(versions.size() - 1)));
    }
    if (method.equals("POST") && p.length == 5 && p[0].equals("compatibility") && p[4].equals("latest")) {
      return compatibilityAnswer(p[2], body, verbose);
    }
    return error(404, 404, "HTTP 404 Not Found");
  }

  private Answer registerAnswer(String subject, String body) {
    Schema schema;
    try {
      schema = parseRequest(body);
    } catch (RuntimeException e) {
      return error(422, 42201, "Invalid schema");
    }
    List<Integer> versions = versionsBySubject.get(subject);
    Integer known = idsByCanonicalForm.get(SchemaNormalization.toParsingForm(schema));
    if (versions != null && !(known != null && versions.contains(known))) {
      String incompatible = incompatibility(schema, schemasById.get(versions.get(versions.size() - 1)));
      if (incompatible != null) {
        return error(409, 409, "Schema being registered is incompatible with an earlier schema for "
            + "subject \"" + subject + "\", details: " + incompatible);
      }
    }
    return ok(MAPPER.createObjectNode().put("id", register(subject, schema)));
  }

  private Answer lookupAnswer(String subject, String body) {
    List<Integer> versions = versionsBySubject.get(subject);
    if (versions == null) {
      return error(404, 40401, "Subject '" + subject + "' not found.");
    }
    Integer id = idsByCanonicalForm.get(SchemaNormalization.toParsingForm(parseRequest(body)));
    if (id == null || !versions.contains(id)) {
      return error(404, 40403, "Schema not found");
    }
    return ok(version(subject, versions.indexOf(id) + 1, id));
  }

  private Answer compatibilityAnswer(String subject, String body, boolean verbose) {
    List<Integer> versions = versionsBySubject.get(subject);
    if (versions == null) {
      return error(404, 40401, "Subject '" + subject + "' not found.");
    }
    String incompatible =
        incompatibility(parseRequest(body), schemasById.get(versions.get(versions.size() - 1)));
    ObjectNode answer = MAPPER.createObjectNode().put("is_compatible", incompatible == null);
    if (verbose && incompatible != null) {
      answer.putArray("messages").add(incompatible);
    }
    return ok(answer);
  }

  private static String incompatibility(Schema reader, Schema writer) {
    var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    return result.getType() == SchemaCompatibilityType.COMPATIBLE ? null
        : result.getResult().getIncompatibilities().get(0).toString();
  }

  private ObjectNode version(String subject, int version, int id) {
    return MAPPER.createObjectNode().put("subject", subject).put("version", version).put("id", id)
        .put("schema", schemasById.get(id).toString());
  }

  private static Schema parseRequest(String body) {
    try {
      JsonNode request = MAPPER.readTree(body);
      return new Schema.Parser().parse(request.get("schema").asText());
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String decodedPath(String rawPath) {
    return URLDecoder.decode(rawPath, StandardCharsets.UTF_8);
  }

  private static Answer ok(ObjectNode body) {
    return new Answer(200, body.toString());
  }

  private static Answer error(int status, int errorCode, String message) {
    return new Answer(status, MAPPER.createObjectNode().put("error_code", errorCode)
        .put("message", message).toString());
  }
}
