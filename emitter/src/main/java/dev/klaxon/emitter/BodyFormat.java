package dev.klaxon.emitter;

/** How the HTTP transport lays out a batch in a request body; both are gzip-compressed. */
public enum BodyFormat {
  /** One JSON object per line, {@code Content-Type: application/x-ndjson}. The default. */
  NDJSON("application/x-ndjson"),
  /** One JSON array of objects, {@code Content-Type: application/json}. */
  JSON_ARRAY("application/json");

  private final String contentType;

  BodyFormat(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }
}
