package io.tradeflow.sample;


/** SplitMix64 with Box-Muller normals: fully specified, so stable across JDKs. */
final class Rng {
    private long state;

    private Rng(long state) {
        this.state = state;
    }

    static Rng of(long seed, String purpose) {
        return new Rng(mix(seed ^ mix(purpose.hashCode() * 0x9E3779B97F4A7C15L + 1)));
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        return (int) ((nextLong() >>> 1) % bound);
    }

    double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]: log stays finite
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1))
                * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
