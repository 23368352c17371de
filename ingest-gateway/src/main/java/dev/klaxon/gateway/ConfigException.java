package dev.klaxon.gateway;

/** The gateway's configuration is invalid; the message names the key at fault. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }
}
