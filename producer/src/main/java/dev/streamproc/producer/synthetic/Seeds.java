package dev.streamproc.producer.synthetic;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from (seed, purpose, index), so any tweet or user can be
 * generated on its own, in any order, with the same result (SplittableRandom's algorithm is
 * fixed by its specification, so this holds across JVMs). The generator uses StrictMath, never
 * Math.pow: Math may differ by an ulp between interpreter and JIT, enough to flip a rounding.
 */
final class Seeds {

    static final long TWEETS = 0x7477656574L;
    static final long USERS = 0x75736572L;
    static final long TOPICS = 0x746f706963L;

    private Seeds() {
    }

    static SplittableRandom random(long seed, long purpose, long index) {
        return new SplittableRandom(mix(mix(seed ^ purpose) + index));
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
