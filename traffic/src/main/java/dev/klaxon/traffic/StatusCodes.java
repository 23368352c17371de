package dev.klaxon.traffic;

/**
 * Which 4xx and 5xx codes failed requests get, in the proportions web services typically show,
 * and the errorType each 5xx is logged with.
 */
final class StatusCodes {

    static final int OK = 200;
    /** During an incident the degraded dependency times out: gateway timeouts. */
    static final int INCIDENT_SERVER_ERROR = 504;

    private static final int[] CLIENT_ERRORS = {400, 401, 403, 404, 404, 404, 409, 422, 429, 429};
    private static final int[] SERVER_ERRORS = {500, 500, 500, 500, 502, 502, 503, 503, 504, 504};

    private StatusCodes() {
    }

    static int clientError(double uniform) {
        return CLIENT_ERRORS[(int) (uniform * CLIENT_ERRORS.length)];
    }

    static int serverError(double uniform) {
        return SERVER_ERRORS[(int) (uniform * SERVER_ERRORS.length)];
    }

    static String errorType(int status) {
        return switch (status) {
            case 502 -> "BadGateway";
            case 503 -> "ServiceUnavailable";
            case 504 -> "UpstreamTimeout";
            default -> "InternalServerError";
        };
    }

    static String errorMessage(int status) {
        return switch (status) {
            case 502 -> "upstream returned an invalid response";
            case 503 -> "dependency unavailable, circuit breaker open";
            case 504 -> "upstream did not answer in time";
            default -> "unhandled exception";
        };
    }
}
