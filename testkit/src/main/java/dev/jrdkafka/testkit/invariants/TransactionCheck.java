package dev.jrdkafka.testkit.invariants;

import java.util.BitSet;

/**
 * "read_committed never sees aborted data": messages {@code 0..count-1} are produced in
 * transactions; mark each as {@link #committed} or {@link #aborted} once its transaction's
 * outcome is known, then feed every message id a read_committed consumer reads. Counts
 * aborted messages seen (the violation), committed ones missing and duplicated. Not
 * thread-safe.
 */
public final class TransactionCheck {
    private final int count;
    private final BitSet committed;
    private final BitSet aborted;
    private final BitSet seen;
    private long records;
    private long abortedSeen;
    private long duplicated;
    private long undecided;

    public TransactionCheck(int count) {
        this.count = count;
        this.committed = new BitSet(count);
        this.aborted = new BitSet(count);
        this.seen = new BitSet(count);
    }

    /** Messages {@code from..to-1} were in a committed transaction. */
    public void committed(int from, int to) {
        committed.set(from, to);
    }

    /** Messages {@code from..to-1} were in an aborted transaction. */
    public void aborted(int from, int to) {
        aborted.set(from, to);
    }

    public void consumed(long id) {
        records++;
        if (id < 0 || id >= count) {
            undecided++;
            return;
        }
        int i = (int) id;
        if (aborted.get(i)) abortedSeen++;
        else if (!committed.get(i)) undecided++;
        if (seen.get(i)) duplicated++;
        seen.set(i);
    }

    public int committedCount() {
        return committed.cardinality();
    }

    public int abortedCount() {
        return aborted.cardinality();
    }

    /** Committed messages not read (yet). */
    public int missing() {
        BitSet m = (BitSet) committed.clone();
        m.andNot(seen);
        return m.cardinality();
    }

    public long abortedSeen() {
        return abortedSeen;
    }

    public void assertReadCommitted() {
        if (abortedSeen + duplicated + undecided + missing() > 0) throw new AssertionError("read_committed: " + summary());
    }

    public String summary() {
        return records + " records read; " + committedCount() + " committed, " + abortedCount() + " aborted: "
                + missing() + " committed missing, " + duplicated + " duplicated, " + abortedSeen + " aborted seen, "
                + undecided + " of no decided transaction";
    }
}
