package dev.klaxon.sink;

import java.util.List;

/** A configuration mistake, each problem naming its path in the file (e.g. {@code route.routes[2].matchers[0]}). */
public final class InvalidConfigException extends RuntimeException {

  private final List<String> problems;

  public InvalidConfigException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public static InvalidConfigException at(String path, String message) {
    return new InvalidConfigException(List.of(path + ": " + message));
  }

  public List<String> problems() {
    return problems;
  }
}
