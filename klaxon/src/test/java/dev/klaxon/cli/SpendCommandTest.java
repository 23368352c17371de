package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code klaxon spend} against a loopback stand-in for the cost role's spend API. */
class SpendCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final List<String> asked = new ArrayList<>();
  private HttpServer api;
  private int status = 200;
  private String body;

  @BeforeEach
  void start() throws Exception {
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    api.createContext("/", exchange -> {
      asked.add(exchange.getRequestURI().toString());
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    api.start();
  }

  @AfterEach
  void stop() {
    api.stop(0);
  }

  @Test
  void aUsersSpendIsATablePerProviderWithTheExactTotal() {
    body = """
        {"userId":"alice","period":"month","start":"2027-03-01T00:00:00Z","end":"2027-04-01T00:00:00Z",
         "costUsd":12.345000001,"events":12,"units":{"tokens":15320.0},
         "providers":[{"provider":"openai","costUsd":10.000000001,"events":10,"units":{"tokens":15320.0}},
                      {"provider":"stripe","costUsd":2.345,"events":2,"units":{}}]}
        """;

    assertThat(run("--user", "alice smith", "--period", "month")).isZero();

    assertThat(asked).containsExactly("/api/v1/spend/users/alice%20smith?period=month");
    assertThat(out.toString()).isEqualTo("""
        spend of alice, month 2027-03 (UTC, so far)
        provider      cost USD  events  units
        openai    10.000000001      10  tokens 15320
        stripe           2.345       2
        total     12.345000001      12  tokens 15320
        """);
  }

  @Test
  void theTopIsARankedTable() {
    body = """
        {"period":"day","start":"2027-03-15T00:00:00Z","end":"2027-03-16T00:00:00Z","instances":2,
         "users":[{"userId":"bob","costUsd":10,"events":3},{"userId":"alice","costUsd":6.5,"events":2}]}
        """;

    assertThat(run("--top", "2")).isZero();

    assertThat(asked).containsExactly("/api/v1/spend/top?period=day&limit=2");
    assertThat(out.toString()).isEqualTo("""
        top spenders, day 2027-03-15 (UTC, so far; 2 instances)
        #  user   cost USD  events
        1  bob          10       3
        2  alice       6.5       2
        """);
  }

  @Test
  void theApisRefusalIsOneLineWithItsStatus() {
    status = 503;
    body = "{\"error\":\"the cost role is REBALANCING, not RUNNING; retry shortly\"}";

    assertThat(run("--user", "alice")).isEqualTo(1);

    assertThat(err.toString()).isEqualTo("klaxon spend: 503 from http://127.0.0.1:" + api.getAddress().getPort()
        + ": the cost role is REBALANCING, not RUNNING; retry shortly\n");
  }

  @Test
  void anUnreachableApiIsOneLineSayingWhereItLooked() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }

    assertThat(run("--top", "10", "--url", "http://127.0.0.1:" + closed)).isEqualTo(1);

    assertThat(err.toString()).startsWith("klaxon spend: cannot reach the spend API at http://127.0.0.1:" + closed)
        .contains("is the cost role running?").hasLineCount(1);
  }

  @Test
  void userAndTopGoAloneAndOneIsNeeded() {
    assertThat(run("--user", "alice", "--top", "3")).isEqualTo(2);
    assertThat(run()).isEqualTo(2);
    assertThat(run("--user", "alice", "--period", "week")).isEqualTo(2);
    assertThat(asked).isEmpty();
  }

  private int run(String... args) {
    var cli = KlaxonCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("spend"));
    all.addAll(List.of(args));
    if (!all.contains("--url")) {
      all.addAll(List.of("--url", "http://127.0.0.1:" + api.getAddress().getPort()));
    }
    return cli.execute(all.toArray(String[]::new));
  }
}
