package dev.jrdkafka.internal.client;

import java.time.Duration;
import java.util.Objects;

/** Checks timeouts the same way everywhere: null and negative ones refused, huge ones saturated (never an overflow). */
public final class Timeouts {
    /** Far enough to mean "no bound", small enough that {@code System.nanoTime() + FOREVER} cannot overflow. */
    private static final long FOREVER_NANOS = Long.MAX_VALUE / 4;

    private Timeouts() {}

    /** The timeout in nanoseconds, at most ~73 years. */
    public static long nanos(Duration timeout, String name) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative()) throw new IllegalArgumentException(name + " must be >= 0, got " + timeout);
        return timeout.compareTo(Duration.ofNanos(FOREVER_NANOS)) >= 0 ? FOREVER_NANOS : timeout.toNanos();
    }

    /** The timeout as librdkafka's int milliseconds (saturated at Integer.MAX_VALUE, ~24 days). */
    public static int millis(Duration timeout, String name) {
        long ms = nanos(timeout, name) / 1_000_000L;
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    /** The deadline {@code timeout} from now, on the {@link System#nanoTime()} scale. */
    public static long deadline(Duration timeout, String name) {
        return System.nanoTime() + nanos(timeout, name);
    }

    /** Milliseconds left until {@code deadline}, at least 0, at most {@code cap}. */
    public static int remainingMillis(long deadline, int cap) {
        long ms = (deadline - System.nanoTime()) / 1_000_000L;
        return (int) Math.max(0, Math.min(ms, cap));
    }

    /**
     * Waits for {@code thread} to end until {@code deadline} ({@link System#nanoTime()} scale);
     * an interrupt does not cut the wait short (it is kept for the caller). Returns whether it ended.
     */
    public static boolean join(Thread thread, long deadline) {
        boolean interrupted = false;
        try {
            while (thread.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                try {
                    thread.join(Duration.ofNanos(left));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}
