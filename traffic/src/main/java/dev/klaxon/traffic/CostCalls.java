package dev.klaxon.traffic;

import dev.klaxon.schemas.CostEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

/** The draws of a {@link CostProfile}: who makes a billed call, at which provider, how many tokens. */
final class CostCalls {

    /** CostEvent's scale: nine decimal places. */
    private static final int COST_SCALE = 9;

    private final CostProfile profile;
    private final long runawayFromMs;
    private final double tokensMu;
    private final double tokensSigma;

    CostCalls(CostProfile profile, long startMs) {
        this.profile = profile;
        this.runawayFromMs = profile.runaway().map(r -> startMs + r.after().toMillis()).orElse(Long.MAX_VALUE);
        this.tokensMu = Math.log(profile.tokens().medianMs());
        this.tokensSigma = profile.tokens().sigma();
    }

    boolean bills(String service, String route) {
        return profile.service().equals(service) && profile.route().equals(route);
    }

    String service() {
        return profile.service();
    }

    boolean runawayAt(long timestampMs, String userId) {
        return timestampMs >= runawayFromMs && profile.runaway().orElseThrow().userId().equals(userId);
    }

    /** Who makes a call of the billed service at {@code timestampMs}. */
    String user(long timestampMs, SplittableRandom random) {
        if (timestampMs >= runawayFromMs) {
            CostProfile.Runaway runaway = profile.runaway().orElseThrow();
            if (random.nextDouble() < runaway.share()) {
                return runaway.userId();
            }
        }
        return profile.users().get(random.nextInt(profile.users().size()));
    }

    /** The cost of one successful call by {@code userId}. */
    CostEvent call(long timestampMs, String userId, String requestId, SplittableRandom random) {
        CostProfile.Provider provider = provider(random.nextDouble());
        double factor = runawayAt(timestampMs, userId) ? profile.runaway().orElseThrow().tokenFactor() : 1;
        long tokens = Math.max(1, Math.round(factor * Math.exp(tokensMu + tokensSigma * random.nextGaussian())));
        BigDecimal cost = provider.usdPerMillionTokens().multiply(BigDecimal.valueOf(tokens)).movePointLeft(6)
                .setScale(COST_SCALE, RoundingMode.HALF_UP);
        return new CostEvent(profile.service(), userId, provider.name(), profile.operation(), cost, (double) tokens,
                "tokens", timestampMs, requestId);
    }

    private CostProfile.Provider provider(double u) {
        double cumulative = 0;
        for (CostProfile.Provider p : profile.providers()) {
            cumulative += p.share();
            if (u < cumulative) {
                return p;
            }
        }
        return profile.providers().get(profile.providers().size() - 1); // u close to 1, shares rounded
    }
}
