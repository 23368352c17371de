package dev.klaxon.traffic;

/**
 * Request ids that look random yet are unique and reproducible: the n-th id of a seed is a
 * bijective 64-bit mix of (seed base + n), written as 16 hex digits. Cheaper than UUIDs.
 */
final class RequestIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final long base;
    private long next;

    RequestIds(long seed) {
        this.base = mix(seed);
    }

    String next() {
        long id = mix(base + next++);
        char[] chars = new char[16];
        for (int i = 15; i >= 0; i--) {
            chars[i] = HEX[(int) (id & 0xF)];
            id >>>= 4;
        }
        return new String(chars);
    }

    /** SplitMix64's finalizer: a bijection on longs, so distinct inputs give distinct ids. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
