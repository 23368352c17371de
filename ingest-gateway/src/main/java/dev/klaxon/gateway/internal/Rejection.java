package dev.klaxon.gateway.internal;

/** Why a batch was refused: the HTTP status and the {@code reason} tag of the rejection metrics. */
enum Rejection {
  INVALID(400, "invalid"),
  UNAUTHORIZED(401, "unauthorized"),
  FORBIDDEN(403, "forbidden"),
  TOO_LARGE(413, "too_large"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
  RATE_LIMITED(429, "rate_limited"),
  FAILED(500, "failed"),
  UNAVAILABLE(503, "unavailable");

  private final int status;
  private final String reason;

  Rejection(int status, String reason) {
    this.status = status;
    this.reason = reason;
  }

  int status() {
    return status;
  }

  String reason() {
    return reason;
  }
}
