package dev.jrdkafka.testkit.invariants;

import java.util.BitSet;

/**
 * What a topic's log holds after producing messages {@code 0..count-1}, checked against
 * their {@link DeliveryLedger}: feed it every record read back from the beginning of each
 * partition ({@link #consumed(int, long, long)}: partition, offset, message id). It counts
 *
 * <ul>
 *   <li><b>lost</b>: reported delivered, never read;</li>
 *   <li><b>duplicated</b>: read more than once (a second copy in the log);</li>
 *   <li><b>out of order</b>: read after a higher id of the same partition (ids grow in
 *       produce order, so each partition's log must hold them increasing);</li>
 *   <li><b>resurrected</b>: read although it failed as {@code NOT_PERSISTED};</li>
 *   <li><b>unreported extra</b>: failed as possibly persisted and present (allowed, counted).</li>
 * </ul>
 *
 * Exactly once in order ({@link #assertExactlyOnceInOrder()}, an idempotent producer) allows
 * none of the first four; at least once ({@link #assertAtLeastOnce()}, a plain producer with
 * retries) allows duplicates and reordering but no loss. Not thread-safe: read back on one thread.
 */
public final class LogCheck {
    private final DeliveryLedger ledger;
    private final BitSet seen;
    private final long[] lastIdByPartition;
    private long records;
    private long duplicated;
    private long outOfOrder;
    private long resurrected;
    private long extra;
    private long foreign;

    public LogCheck(DeliveryLedger ledger, int partitions) {
        this.ledger = ledger;
        this.seen = new BitSet(ledger.count());
        this.lastIdByPartition = new long[partitions];
        java.util.Arrays.fill(lastIdByPartition, -1);
    }

    /** One record read back: its partition, offset, and the message id its payload carries. */
    public void consumed(int partition, long offset, long id) {
        records++;
        if (id < 0 || id >= ledger.count() || partition < 0 || partition >= lastIdByPartition.length) {
            foreign++;
            return;
        }
        int i = (int) id;
        if (seen.get(i)) duplicated++;
        seen.set(i);
        if (id < lastIdByPartition[partition]) outOfOrder++;
        lastIdByPartition[partition] = Math.max(lastIdByPartition[partition], id);
        if (ledger.isNotPersisted(id)) resurrected++;
        else if (!ledger.isDelivered(id)) extra++;
    }

    /** How many distinct delivered messages have been read so far (to know when to stop reading). */
    public int deliveredSeen() {
        int n = 0;
        for (int i = seen.nextSetBit(0); i >= 0; i = seen.nextSetBit(i + 1)) if (ledger.isDelivered(i)) n++;
        return n;
    }

    public long records() {
        return records;
    }

    public long lost() {
        long lost = 0;
        for (int i = 0; i < ledger.count(); i++) if (ledger.isDelivered(i) && !seen.get(i)) lost++;
        return lost;
    }

    public long duplicated() {
        return duplicated;
    }

    public long outOfOrder() {
        return outOfOrder;
    }

    public long resurrected() {
        return resurrected;
    }

    /** Failed, possibly persisted, and in the log after all. */
    public long extra() {
        return extra;
    }

    public void assertExactlyOnceInOrder() {
        if (lost() + duplicated + outOfOrder + resurrected + foreign > 0) throw new AssertionError("not exactly once in order: " + summary());
    }

    public void assertAtLeastOnce() {
        if (lost() + resurrected + foreign > 0) throw new AssertionError("messages lost: " + summary());
    }

    public String summary() {
        return records + " records read: " + lost() + " lost, " + duplicated + " duplicated, " + outOfOrder
                + " out of order, " + resurrected + " present though NOT_PERSISTED, " + extra
                + " possibly persisted and present, " + foreign + " foreign";
    }
}
