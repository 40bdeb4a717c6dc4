package dev.jrdkafka.mock;

import dev.jrdkafka.internal.rd.mock.RdMockApis;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a mock cluster's advertised ApiVersion ranges within what its broker can serve.
 *
 * <p>Two rules: a range must lie within the versions the mock implements (else clients send
 * requests it cannot parse); and once a partition has been made leaderless, Produce stays at
 * most v{@value #LEADERLESS_PRODUCE_MAX} and Fetch at most v{@value #LEADERLESS_FETCH_MAX},
 * because librdkafka's mock broker (2.14.2, unchanged in 2.15.0) dereferences the missing
 * leader (and crashes the process) when it answers a Produce v10+ or Fetch v12+ for a
 * leaderless partition with NOT_LEADER: those versions carry the new leader in the response
 * (KIP-951). Not thread-safe: used under its cluster's lock.
 */
final class ApiVersionGuard {
    static final int LEADERLESS_PRODUCE_MAX = 9;
    static final int LEADERLESS_FETCH_MAX = 11;

    private final Map<Integer, int[]> changed = new HashMap<>(); // ApiKey -> {min, max} set so far
    private boolean leaderless;

    /** Throws IllegalArgumentException unless [min, max] (or -1, -1: disabled) may be set for {@code apiKey}. */
    void check(int apiKey, int min, int max) {
        if (!RdMockApis.implemented(apiKey)) {
            throw new IllegalArgumentException("the mock broker does not implement " + ApiKey.describe(apiKey)
                    + ", so it has no version range to set");
        }
        if (min == -1 && max == -1) return;
        int lo = RdMockApis.minVersion(apiKey);
        int hi = RdMockApis.maxVersion(apiKey);
        if (min < lo || max > hi || min > max) {
            throw new IllegalArgumentException("version range " + min + ".." + max + " for " + ApiKey.describe(apiKey)
                    + " must lie within the implemented " + lo + ".." + hi + " (or be -1, -1 to disable it)");
        }
        int cap = leaderlessCap(apiKey);
        if (leaderless && max > cap) {
            throw new IllegalArgumentException(ApiKey.describe(apiKey) + " v" + max + " refused: a partition of this cluster"
                    + " was made leaderless, and librdkafka's mock broker crashes answering " + ApiKey.describe(apiKey)
                    + " above v" + cap + " for it");
        }
    }

    /** Records a range that was set. */
    void set(int apiKey, int min, int max) {
        changed.put(apiKey, new int[] {min, max});
    }

    /**
     * The {apiKey, min, max} ranges to set before the first leaderless partition, and from
     * then on keeps later ranges at or below the caps.
     */
    List<int[]> capsForLeaderless() {
        leaderless = true;
        List<int[]> caps = new ArrayList<>();
        for (int apiKey : new int[] {ApiKey.PRODUCE.code(), ApiKey.FETCH.code()}) {
            int[] current = changed.getOrDefault(apiKey, new int[] {RdMockApis.minVersion(apiKey), RdMockApis.maxVersion(apiKey)});
            int cap = leaderlessCap(apiKey);
            if (current[1] > cap) caps.add(new int[] {apiKey, Math.min(current[0], cap), cap});
        }
        return caps;
    }

    private static int leaderlessCap(int apiKey) {
        if (apiKey == ApiKey.PRODUCE.code()) return LEADERLESS_PRODUCE_MAX;
        if (apiKey == ApiKey.FETCH.code()) return LEADERLESS_FETCH_MAX;
        return Integer.MAX_VALUE;
    }
}
