package dev.klaxon.runtime.config;

/** A configuration that cannot be used; the message names the key (e.g. {@code gateway.http.port}) and the fix. */
public class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }
}
