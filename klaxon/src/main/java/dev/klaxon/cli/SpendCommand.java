package dev.klaxon.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.cost.query.SpendJson;
import dev.klaxon.cost.query.SpendPeriod;
import dev.klaxon.cost.query.TopSpenders;
import dev.klaxon.cost.query.UserSpend;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code klaxon spend --user U | --top N}: the cost role's spend API as a table. */
@Command(name = "spend", mixinStandardHelpOptions = true,
    description = {"A user's spend so far in the current UTC day or month, per provider, or the top spenders;",
        "asked of the cost role's spend API (any instance answers for all)."})
final class SpendCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ArgGroup(multiplicity = "1") What what;

  static final class What {
    @Option(names = "--user", paramLabel = "USER", required = true, description = "One user's spend, per provider.")
    String user;

    @Option(names = "--top", paramLabel = "N", required = true, description = "The N users who spent most (1 to 1000).")
    Integer top;
  }

  @Option(names = "--period", paramLabel = "day|month", defaultValue = "day",
      description = "The current UTC day or calendar month (default: ${DEFAULT-VALUE}).")
  SpendPeriod period;

  @Option(names = "--url", defaultValue = "http://localhost:9468",
      description = "The cost role's spend API (default: ${DEFAULT-VALUE}).")
  String url;

  @Override
  public Integer call() throws Exception {
    String path = what.user != null
        ? "/api/v1/spend/users/" + URLEncoder.encode(what.user, StandardCharsets.UTF_8).replace("+", "%20")
            + "?period=" + period.label()
        : "/api/v1/spend/top?period=" + period.label() + "&limit=" + what.top;
    HttpResponse<String> response;
    try {
      response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
          HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + path)).timeout(Duration.ofSeconds(30)).GET()
              .build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | IllegalArgumentException e) {
      return fail("cannot reach the spend API at " + url + " (" + reason(e) + "); is the cost role running? "
          + "--url says where");
    }
    if (response.statusCode() != 200) {
      return fail(response.statusCode() + " from " + url + ": " + errorOf(response.body()));
    }
    try {
      spec.commandLine().getOut().print(what.user != null
          ? SpendTable.user(SpendJson.read(response.body(), UserSpend.class))
          : SpendTable.top(SpendJson.read(response.body(), TopSpenders.class)));
    } catch (JsonProcessingException e) {
      return fail(url + " answered something other than the spend API: " + e.getOriginalMessage());
    }
    return 0;
  }

  private int fail(String message) {
    spec.commandLine().getErr().println("klaxon spend: " + message);
    return 1;
  }

  private static String reason(Exception e) {
    if (e instanceof HttpTimeoutException) {
      return "timed out";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The API's {@code {"error": ...}}, or the body as it is. */
  private static String errorOf(String body) {
    try {
      String error = new ObjectMapper().readTree(body).path("error").asText("");
      return error.isEmpty() ? body : error;
    } catch (JsonProcessingException e) {
      return body;
    }
  }
}
