package dev.jrdkafka.parity;

import dev.jrdkafka.testkit.invariants.GroupProgressCheck;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One consumer group member on its own thread (the only thread that touches its client):
 * polls, reports every record to the shared {@link GroupProgressCheck}, and every 200 ms
 * commits the next offsets of the partitions it still owns, reporting the commits that
 * succeeded. Offsets of revoked or lost partitions are dropped uncommitted (another member
 * then re-reads them, which the check allows). {@link #leave()} closes the client on its
 * thread: an orderly leave.
 */
abstract class GroupMember {
    static final Duration COMMIT_INTERVAL = Duration.ofMillis(200);

    final String name;
    final GroupProgressCheck check;
    final AtomicInteger consumed = new AtomicInteger();
    final AtomicInteger commits = new AtomicInteger();
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Next offset to commit per partition; member thread only. */
    final Map<Integer, Long> pending = new HashMap<>();
    private volatile boolean stop;
    private final Thread thread;

    GroupMember(String name, GroupProgressCheck check) {
        this.name = name;
        this.check = check;
        this.thread = Thread.ofPlatform().name(name).unstarted(this::run);
    }

    GroupMember start() {
        thread.start();
        return this;
    }

    /** Stops polling, closes the client (leaving the group), bounded. */
    void leave() throws InterruptedException {
        stop = true;
        thread.join(Duration.ofSeconds(60));
        if (thread.isAlive()) throw new AssertionError(name + " did not close within 60 s");
    }

    abstract void open();

    /** One poll: calls {@link #record} for each record. */
    abstract void pollOnce();

    /** Commits {@code pending}; true if the broker accepted it. */
    abstract boolean commit(Map<Integer, Long> offsets);

    abstract void close();

    void record(int partition, long offset) {
        check.consumed(partition, offset);
        pending.put(partition, offset + 1);
        consumed.incrementAndGet();
    }

    private void run() {
        try {
            open();
            try {
                long lastCommit = System.nanoTime();
                while (!stop) {
                    pollOnce();
                    if (!pending.isEmpty() && System.nanoTime() - lastCommit > COMMIT_INTERVAL.toNanos()) {
                        lastCommit = System.nanoTime();
                        Map<Integer, Long> offsets = Map.copyOf(pending);
                        if (commit(offsets)) {
                            commits.incrementAndGet();
                            offsets.forEach(check::committed);
                            offsets.forEach((p, o) -> pending.remove(p, o));
                        }
                    }
                }
            } finally {
                close();
            }
        } catch (Throwable t) {
            failure.set(t);
        }
    }

    @Override
    public String toString() {
        return name + " (" + consumed.get() + " records, " + commits.get() + " commits)";
    }
}
