package dev.klaxon.traffic;

import static dev.klaxon.traffic.RouteProfile.of;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The demo's services. Numbers follow the seeds' monitoring plans (§7 of the design):
 * <ul>
 *   <li>Healthy routes have p95 well under 1 s (p95 target 200 ms, p50 under 100 ms), so the
 *       latency rules (warning 1 s, critical 2 s) stay quiet until the incident.</li>
 *   <li>Rates are low on purpose: with 0.3 % 5xx, each 5xx logging an error line, a service at
 *       6 requests/s logs about 1 error a minute; the "error logs per minute" rule warns above 3,
 *       so the baseline rarely trips it (a 20/s service would, about half the minutes).</li>
 *   <li>The incident (p95 120 ms → 2.5 s, 5xx 8 %) crosses the critical latency (2 s) and error
 *       rate (5 %) thresholds and logs ~17 errors a minute. Its latency is tight around 2 s,
 *       the way a dependency timing out looks, so a window's p95 crosses 2 s as soon as a
 *       small part of it is incident traffic. It lasts 3 minutes so rules with
 *       {@code for: 2m} over 1-minute windows see two full breaching windows.</li>
 *   <li>llm-gateway's chat calls cost money, and one user runs away with it: see {@link #costs()}.</li>
 * </ul>
 */
final class DemoTraffic {

    static final String INCIDENT_SERVICE = "search-api";
    static final String INCIDENT_ROUTE = "GET /search";
    static final String LLM_SERVICE = "llm-gateway";
    static final String LLM_ROUTE = "POST /v1/chat/completions";
    static final String RUNAWAY_USER = "batch-bot-7";

    private DemoTraffic() {
    }

    static TrafficProfile profile() {
        var search = ServiceProfile.of(INCIDENT_SERVICE, 6,
                new RouteProfile(INCIDENT_ROUTE, 0.6, LatencyModel.ofMedianAndP95(60, 120)),
                of("GET /suggest", 0.3, 20, 0.35),
                of("GET /filters", 0.1, 25, 0.4));
        var auth = ServiceProfile.of("auth-api", 5,
                of("POST /login", 0.2, 80, 0.3), // password hashing dominates, so a tight spread
                of("POST /token/refresh", 0.5, 20, 0.4),
                of("GET /me", 0.3, 25, 0.4));
        var checkout = ServiceProfile.of("checkout-api", 3,
                of("GET /cart", 0.5, 30, 0.4),
                of("POST /cart/items", 0.3, 45, 0.4),
                of("POST /checkout", 0.2, 150, 0.5)); // calls the payment provider
        var llm = ServiceProfile.of(LLM_SERVICE, 2,
                of(LLM_ROUTE, 0.6, 200, 0.6), // model latency varies widely
                of("POST /v1/embeddings", 0.3, 40, 0.4),
                of("GET /v1/models", 0.1, 20, 0.3));
        var incident = new Incident(INCIDENT_SERVICE, INCIDENT_ROUTE, Duration.ofMinutes(1), Duration.ofMinutes(3),
                LatencyModel.ofMedianAndP95(2000, 2500), 0.08);
        return new TrafficProfile(List.of(search, auth, checkout, llm), 0.02, 0.003,
                new LogProfile(0.05, 0.005, 1000, true), Optional.of(incident), "production", 1000,
                Optional.of(costs()));
    }

    /**
     * Chat completions of llm-gateway, billed per token at three providers (blended input/output
     * prices of late 2026's mid-size models), made by five users and, from minute 1, a runaway batch
     * script taking half the calls at 20 times the usual size. At 1.2 billed calls/s a usual user
     * spends about $0.15 a minute; the runaway about $8 a minute, so it passes 80 % of the demo's $20
     * daily budget about two minutes after it starts, and 100 % half a minute later.
     */
    static CostProfile costs() {
        return new CostProfile(LLM_SERVICE, LLM_ROUTE, "chat.completions", LatencyModel.ofMedianAndP95(1500, 4000),
                List.of(new CostProfile.Provider("openai", 0.5, new BigDecimal("6.00")),
                        new CostProfile.Provider("anthropic", 0.3, new BigDecimal("9.00")),
                        new CostProfile.Provider("gemini", 0.2, new BigDecimal("2.50"))),
                List.of("ada", "grace", "alan", "barbara", "edsger"),
                Optional.of(new CostProfile.Runaway(RUNAWAY_USER, Duration.ofMinutes(1), 0.5, 20)));
    }
}
