package dev.klaxon.schemas.registry;

/**
 * A schema registry call failed: either the registry answered with an error body
 * ({@code {"error_code":40401,"message":"Subject not found."}}) or it could not be reached.
 *
 * <p>{@link #httpStatus()} is 0 and {@link #errorCode()} is 0 when no answer came back. Messages name
 * the subject (or schema id) and never contain credentials.
 */
public final class SchemaRegistryException extends RuntimeException {

  public static final int SUBJECT_NOT_FOUND = 40401;
  public static final int VERSION_NOT_FOUND = 40402;
  public static final int SCHEMA_NOT_FOUND = 40403;
  public static final int INCOMPATIBLE_SCHEMA = 409;
  public static final int INVALID_SCHEMA = 42201;
  public static final int INVALID_VERSION = 42202;
  public static final int BACKEND_STORE_ERROR = 50001;
  public static final int OPERATION_TIMED_OUT = 50002;
  public static final int FORWARDING_ERROR = 50003;

  private final int httpStatus;
  private final int errorCode;

  public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** HTTP status of the answer, or 0 if the registry was not reached. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The registry's {@code error_code} (e.g. 40401), the HTTP status if the body had none, 0 if unreached. */
  public int errorCode() {
    return errorCode;
  }

  /**
   * True when trying again later may succeed: the registry was unreachable, timed out, throttled
   * (429) or failed on its side (5xx). False for answers about the request itself (4xx).
   */
  public boolean isRetriable() {
    return httpStatus == 0 || httpStatus == 429 || httpStatus >= 500;
  }
}
