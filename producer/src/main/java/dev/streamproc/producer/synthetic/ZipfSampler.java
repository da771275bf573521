package dev.streamproc.producer.synthetic;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^exponent (heavy-tailed). */
final class ZipfSampler {

    private final double[] cumulative;

    ZipfSampler(int n, double exponent) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive");
        }
        cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / StrictMath.pow(i + 1, exponent);
            cumulative[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
    }

    int sample(SplittableRandom random) {
        int i = Arrays.binarySearch(cumulative, random.nextDouble());
        int rank = i >= 0 ? i : -i - 1;
        return Math.min(rank, cumulative.length - 1);
    }

    int size() {
        return cumulative.length;
    }
}
