package dev.klaxon.sink.notify.internal;

import dev.klaxon.sink.InvalidConfigException;
import dev.klaxon.sink.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a secret called {@code name} from exactly one of {@code <name>_file} (a file holding the
 * value), {@code <name>_env} (an environment variable) or {@code <name>} (inline in the config:
 * accepted like Alertmanager does, but discouraged, because config files get committed and shared).
 * No message here ever contains the value.
 */
public final class SecretResolver {

  private static final Logger log = LoggerFactory.getLogger(SecretResolver.class);

  private final UnaryOperator<String> environment;

  /** @param environment looks an environment variable up, {@code System::getenv} outside tests */
  public SecretResolver(UnaryOperator<String> environment) {
    this.environment = environment;
  }

  public Secret required(StrictConfig config, String name) {
    return optional(config, name)
        .orElseThrow(() -> InvalidConfigException.at(config.path(),
            "missing " + name + "_file or " + name + "_env (or, discouraged, an inline " + name + ")"));
  }

  /**
   * A required webhook URL secret; refused (without printing it) unless it is an http(s) URL.
   *
   * @param what how the error names it, e.g. "Slack webhook url"
   */
  public Secret requiredHttpUrl(StrictConfig config, String name, String what) {
    Secret url = required(config, name);
    if (!HttpUrls.isHttpUrl(url.reveal())) {
      throw InvalidConfigException.at(config.path(), "the " + what + " is not an http(s) URL");
    }
    return url;
  }

  public Optional<Secret> optional(StrictConfig config, String name) {
    List<String> given = new ArrayList<>();
    for (String key : List.of(name, name + "_file", name + "_env")) {
      if (config.has(key)) {
        given.add(key);
      }
    }
    if (given.isEmpty()) {
      return Optional.empty();
    }
    if (given.size() > 1) {
      throw InvalidConfigException.at(config.path(), "give only one of " + String.join(", ", given));
    }
    String key = given.get(0);
    String value;
    if (key.endsWith("_file")) {
      value = readFile(config, key);
    } else if (key.endsWith("_env")) {
      value = readEnv(config, key);
    } else {
      value = config.string(key).orElseThrow();
      log.warn("{}: {} is inline in the config; prefer {}_file or {}_env", config.path(), name, name, name);
    }
    return Optional.of(Secret.of(value));
  }

  private String readFile(StrictConfig config, String key) {
    String file = config.string(key).orElseThrow();
    try {
      String value = Files.readString(Path.of(file)).strip(); // files usually end with a newline
      if (value.isEmpty()) {
        throw InvalidConfigException.at(config.pathOf(key), "file " + file + " is empty");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidConfigException invalid) {
        throw invalid;
      }
      throw InvalidConfigException.at(config.pathOf(key), "cannot read file " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  private String readEnv(StrictConfig config, String key) {
    String variable = config.string(key).orElseThrow();
    String value = environment.apply(variable);
    if (value == null || value.isBlank()) {
      throw InvalidConfigException.at(config.pathOf(key), "environment variable " + variable + " is not set or empty");
    }
    return value.strip();
  }
}
