package io.aos.ops.golden.hash;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The step seeds of one run, {@link GoldenHashes#stepSeed(BigInteger, int)} for one base seed, derived with one
 * digest and one buffer: for a reader that checks the seed of every step of a long trace, where building the
 * digest's input as a string and the result as a new number cost as much as the hashing.
 *
 * <p>Not thread-safe: one per thread.
 */
public final class StepSeeds {

    private final BigInteger baseSeed;
    /** {@code "<base seed>:"} in UTF-8, followed by room for the index. */
    private final byte[] input;
    private final int prefixLength;
    private final Sha256Prefix sha256 = new Sha256Prefix();

    private StepSeeds(BigInteger baseSeed) {
        this.baseSeed = baseSeed;
        byte[] prefix = (baseSeed + ":").getBytes(StandardCharsets.UTF_8);
        this.prefixLength = prefix.length;
        this.input = Arrays.copyOf(prefix, prefix.length + 10);
    }

    /**
     * The seeds of the run with this base seed.
     *
     * @param baseSeed the run's base seed
     * @return a deriver for that run
     * @throws NullPointerException if {@code baseSeed} is null
     */
    public static StepSeeds of(BigInteger baseSeed) {
        return new StepSeeds(checkNotNull(baseSeed, "base seed"));
    }

    /** {@return the base seed the seeds are derived from} */
    public BigInteger baseSeed() {
        return baseSeed;
    }

    /**
     * The 64 bits of a step's seed, as {@link GoldenHashes#stepSeedBits(String, int)} gives them.
     *
     * @param stepIndex the 0-based step index
     * @return the seed's 64 bits (read them as unsigned)
     * @throws IllegalArgumentException if {@code stepIndex} is negative
     */
    public long bits(int stepIndex) {
        checkArgument(stepIndex >= 0, "step index must be >= 0, got %s", stepIndex);
        int i = stepIndex;
        int digits = i == 0 ? 1 : 0;
        for (int n = i; n > 0; n /= 10) {
            digits++;
        }
        int length = prefixLength + digits;
        int at = length;
        do {
            input[--at] = (byte) ('0' + i % 10);
            i /= 10;
        } while (i > 0);
        return sha256.first64(input, 0, length);
    }

    /**
     * A step's seed: equal to {@link GoldenHashes#stepSeed(BigInteger, int)} for this base seed.
     *
     * @param stepIndex the 0-based step index
     * @return the seed, 0 to 2<sup>64</sup>-1
     * @throws IllegalArgumentException if {@code stepIndex} is negative
     */
    public BigInteger seed(int stepIndex) {
        return unsigned(bits(stepIndex));
    }

    /**
     * A step's seed, given the seed a trace stores for it: {@code stored} itself when it is the derived seed (so a
     * trace whose seeds all match costs no new number per step), else the derived seed.
     *
     * @param stepIndex the 0-based step index
     * @param stored    the seed the trace stores for the step, or null
     * @return a number equal to {@link #seed(int)}
     * @throws IllegalArgumentException if {@code stepIndex} is negative
     */
    public BigInteger seed(int stepIndex, BigInteger stored) {
        long bits = bits(stepIndex);
        if (stored != null && stored.signum() >= 0 && stored.bitLength() <= 64 && stored.longValue() == bits) {
            return stored;
        }
        return unsigned(bits);
    }

    private static BigInteger unsigned(long bits) {
        BigInteger value = BigInteger.valueOf(bits & Long.MAX_VALUE);
        return bits < 0 ? value.setBit(63) : value;
    }
}
