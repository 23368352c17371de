package dev.klaxon.traffic;

import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.LogLevel;
import java.util.Map;

/**
 * Builds the log lines that accompany requests. Messages are prepared per route up front so a
 * log line costs one object, not string formatting.
 */
final class LogLines {

    private static final String LOGGER = "http.server";
    private static final Map<String, String> NO_ATTRIBUTES = Map.of();
    private static final int[] SERVER_ERROR_CODES = {500, 502, 503, 504};

    private final RouteTable routes;
    /** [route][index of the 5xx code in SERVER_ERROR_CODES] */
    private final String[][] errorMessages;
    private final String[] infoMessages;
    private final String[] retryMessages;
    private final String[] slowMessages;

    LogLines(RouteTable routes, double slowRequestWarnMs) {
        this.routes = routes;
        errorMessages = new String[routes.size][SERVER_ERROR_CODES.length];
        infoMessages = new String[routes.size];
        retryMessages = new String[routes.size];
        slowMessages = new String[routes.size];
        for (int r = 0; r < routes.size; r++) {
            for (int c = 0; c < SERVER_ERROR_CODES.length; c++) {
                int code = SERVER_ERROR_CODES[c];
                errorMessages[r][c] = routes.route[r] + " failed with " + code + ": " + StatusCodes.errorMessage(code);
            }
            infoMessages[r] = routes.route[r] + " handled";
            retryMessages[r] = routes.route[r] + ": retrying upstream call after a transient failure";
            slowMessages[r] = "slow request: " + routes.route[r] + " took over " + (long) slowRequestWarnMs + " ms";
        }
    }

    LogEvent error(int route, int status, long timestampMs, String requestId, String userId) {
        int c = switch (status) {
            case 502 -> 1;
            case 503 -> 2;
            case 504 -> 3;
            default -> 0;
        };
        return line(route, LogLevel.error, errorMessages[route][c], timestampMs, StatusCodes.errorType(status),
                requestId, userId);
    }

    LogEvent slow(int route, long timestampMs, String requestId, String userId) {
        return line(route, LogLevel.warn, slowMessages[route], timestampMs, null, requestId, userId);
    }

    LogEvent retry(int route, long timestampMs, String requestId, String userId) {
        return line(route, LogLevel.warn, retryMessages[route], timestampMs, null, requestId, userId);
    }

    LogEvent info(int route, long timestampMs, String requestId, String userId) {
        return line(route, LogLevel.info, infoMessages[route], timestampMs, null, requestId, userId);
    }

    private LogEvent line(int route, LogLevel level, String message, long timestampMs, String errorType,
                          String requestId, String userId) {
        return new LogEvent(routes.service[route], level, message, timestampMs, LOGGER, errorType, requestId, userId,
                NO_ATTRIBUTES, null);
    }
}
