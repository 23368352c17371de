package dev.klaxon.traffic;

/**
 * Which log lines accompany requests.
 *
 * @param infoShare         share of requests that log one info line
 * @param warnShare         share of requests that log one warn line (retries, degraded dependencies)
 * @param slowRequestWarnMs requests slower than this also log a "slow request" warn line; 0 disables it
 * @param errorLogFor5xx    every 5xx logs one error line with an errorType and the request's requestId
 */
public record LogProfile(double infoShare, double warnShare, double slowRequestWarnMs, boolean errorLogFor5xx) {

    public LogProfile {
        Shares.check("infoShare", infoShare);
        Shares.check("warnShare", warnShare);
        if (!(slowRequestWarnMs >= 0)) {
            throw new IllegalArgumentException("slowRequestWarnMs must be >= 0, was " + slowRequestWarnMs);
        }
    }

    /** No logs at all: a request benchmark then gets exactly one event per request. */
    public static LogProfile none() {
        return new LogProfile(0, 0, 0, false);
    }
}
