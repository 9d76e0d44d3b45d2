package io.aos.ops.bench.anchor;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The anchor every hashing figure is a ratio to: raw {@code MessageDigest} SHA-256 on this machine (the HotSpot
 * intrinsic where the CPU has SHA extensions). Throughput in MB/s = size / (µs/op). A quiet machine of this class ran
 * 0.43 GB/s at 64 B and 1.5 GB/s at 1 KiB (docs/PERFORMANCE.md, anchors); canonicalise+hash cannot beat this.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Sha256Benchmark {

    @Param({"64", "512", "16384", "1048576"})
    int size;

    private byte[] input;
    private MessageDigest sha256;

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
        input = new byte[size];
        new SplittableRandom(size).nextBytes(input);
        sha256 = MessageDigest.getInstance("SHA-256");
    }

    @Benchmark
    public byte[] sha256() {
        return sha256.digest(input);
    }
}
