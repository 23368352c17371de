package dev.klaxon.traffic;

/** Validation of probabilities in the profiles. */
final class Shares {

    private Shares() {
    }

    static void check(String name, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(name + " must be within 0..1, was " + share);
        }
    }
}
