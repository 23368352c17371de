package dev.klaxon.gateway.internal;

import dev.klaxon.runtime.config.ConfigException;
import dev.klaxon.gateway.GatewayConfig;
import dev.klaxon.gateway.GatewayConfig.ApiKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * API keys from the environment: {@code name=key[:service|service...]}, entries separated by
 * commas. ':' and ',' never occur in bearer tokens (RFC 6750), so a key needs no escaping. Error
 * messages name the entry by position and name, never by its key.
 */
final class EnvKeys {

  private EnvKeys() {
  }

  static List<ApiKey> parse(String value) {
    List<ApiKey> keys = new ArrayList<>();
    String[] entries = value.split(",");
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].trim();
      if (entry.isEmpty()) {
        continue;
      }
      int equals = entry.indexOf('=');
      if (equals <= 0) {
        throw new ConfigException(GatewayConfig.KEYS_ENV + " entry " + (i + 1)
            + " must be name=key or name=key:service|service");
      }
      String name = entry.substring(0, equals).trim();
      String rest = entry.substring(equals + 1);
      int colon = rest.indexOf(':');
      String key = colon < 0 ? rest : rest.substring(0, colon);
      Set<String> services = new LinkedHashSet<>();
      if (colon >= 0) {
        Arrays.stream(rest.substring(colon + 1).split("\\|")).map(String::trim).filter(s -> !s.isEmpty())
            .forEach(services::add);
        if (services.isEmpty()) {
          throw new ConfigException(GatewayConfig.KEYS_ENV + " entry " + (i + 1) + " (" + name
              + ") has ':' but no services after it");
        }
      }
      keys.add(new ApiKey(name, key.trim(), services));
    }
    return keys;
  }
}
