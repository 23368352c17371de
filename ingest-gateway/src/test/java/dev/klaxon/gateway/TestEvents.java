package dev.klaxon.gateway;

/** Valid JSON events with a timestamp near now, for bodies of test requests. */
final class TestEvents {

  private TestEvents() {
  }

  static long now() {
    return System.currentTimeMillis();
  }

  static String request(String service, String route, int status, double durationMs, long timestamp) {
    return """
        {"type":"request","service":"%s","route":"%s","method":"GET","status":%d,"durationMs":%s,"timestamp":%d}"""
        .formatted(service, route, status, durationMs, timestamp);
  }

  static String request(String service) {
    return request(service, "/checkout", 200, 12.5, now());
  }

  static String log(String service, String level, String message, long timestamp) {
    return """
        {"type":"log","service":"%s","level":"%s","message":"%s","timestamp":%d}"""
        .formatted(service, level, message, timestamp);
  }

  static String cost(String service, String userId, String provider, String costUsd, long timestamp) {
    return """
        {"type":"cost","service":"%s","userId":"%s","provider":"%s","costUsd":%s,"timestamp":%d}"""
        .formatted(service, userId, provider, costUsd, timestamp);
  }

  static String array(String... items) {
    return "[" + String.join(",", items) + "]";
  }

  static String ndjson(String... items) {
    return String.join("\n", items) + "\n";
  }
}
