package dev.klaxon.traffic;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Cost events that accompany one route's successful requests: an LLM call billed per token. Each
 * 2xx request to {@code service}/{@code route} is made by one of {@code users} and costs its
 * tokens at the price of a provider drawn by share; failed calls are not billed, as providers do not
 * bill them.
 *
 * @param service  the service whose calls cost money, e.g. "llm-gateway"
 * @param route    its billed route, e.g. "POST /v1/chat/completions"
 * @param operation what a call buys, the cost events' {@code operation}, e.g. "chat.completions"
 * @param tokens   tokens per call: a lognormal (its median and spread, as {@link LatencyModel})
 * @param providers where calls go, with their shares (summing to 1) and prices
 * @param users    who makes the calls, equally often
 * @param runaway  a user whose share and call size jump from some time on, if any
 */
public record CostProfile(String service, String route, String operation, LatencyModel tokens, List<Provider> providers,
                          List<String> users, Optional<Runaway> runaway) {

    public CostProfile {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(runaway, "runaway");
        providers = List.copyOf(providers);
        users = List.copyOf(users);
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("a cost profile needs at least one provider");
        }
        double shares = providers.stream().mapToDouble(Provider::share).sum();
        if (Math.abs(shares - 1) > 1e-9) {
            throw new IllegalArgumentException("provider shares must sum to 1, got " + shares);
        }
        if (users.isEmpty() || new HashSet<>(users).size() != users.size()) {
            throw new IllegalArgumentException("users must be a non-empty list without repeats: " + users);
        }
    }

    /**
     * A provider and its blended price (input and output tokens together).
     *
     * @param name                name as in cost events, e.g. "openai"
     * @param share               share of calls going to it, 0..1
     * @param usdPerMillionTokens price of a million tokens in US dollars
     */
    public record Provider(String name, double share, BigDecimal usdPerMillionTokens) {

        public Provider {
            Objects.requireNonNull(name, "name");
            Shares.check("provider " + name + " share", share);
            if (usdPerMillionTokens == null || usdPerMillionTokens.signum() < 0) {
                throw new IllegalArgumentException("provider " + name + " price must be >= 0");
            }
        }
    }

    /**
     * A user (a script gone wrong, say) whose calls take over from {@code after} the generator's start:
     * {@code share} of the billed calls are theirs, each {@code tokenFactor} times the usual size.
     */
    public record Runaway(String userId, Duration after, double share, double tokenFactor) {

        public Runaway {
            Objects.requireNonNull(userId, "userId");
            if (after == null || after.isNegative()) {
                throw new IllegalArgumentException("runaway 'after' must be >= 0, was " + after);
            }
            Shares.check("runaway share", share);
            if (!(tokenFactor > 0) || Double.isInfinite(tokenFactor)) {
                throw new IllegalArgumentException("runaway tokenFactor must be > 0 and finite, was " + tokenFactor);
            }
        }
    }
}
