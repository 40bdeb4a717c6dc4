package dev.jrdkafka.testkit.invariants;

import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * "Exactly one outcome per message": records each delivery report of messages numbered
 * {@code 0..count-1} (the number travels with the message, e.g. as the producer's opaque
 * value) and finds messages reported twice or never. It also keeps which messages failed
 * and with which persistence status (librdkafka's {@code rd_kafka_message_status}, passed
 * by name so the kit needs no client library), so a {@link LogCheck} can hold failures
 * that were "not persisted" to their word. Thread-safe.
 */
public final class DeliveryLedger {
    /** The status of a failure that guarantees the message is not in the log. */
    public static final String NOT_PERSISTED = "NOT_PERSISTED";

    private final int count;
    private final BitSet reported;
    private final BitSet delivered;
    private final BitSet notPersisted;
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private long duplicateReports;
    private long outOfRange;

    public DeliveryLedger(int count) {
        if (count < 0) throw new IllegalArgumentException("count must be >= 0, got " + count);
        this.count = count;
        this.reported = new BitSet(count);
        this.delivered = new BitSet(count);
        this.notPersisted = new BitSet(count);
    }

    /**
     * One delivery report: message {@code id}, whether it was delivered, the error's name
     * (ignored when delivered) and its persistence status.
     */
    public synchronized void report(long id, boolean ok, String error, String persistenceStatus) {
        if (id < 0 || id >= count) {
            outOfRange++;
            return;
        }
        int i = (int) id;
        if (reported.get(i)) {
            duplicateReports++;
            return;
        }
        reported.set(i);
        if (ok) delivered.set(i);
        else if (NOT_PERSISTED.equals(persistenceStatus)) notPersisted.set(i);
        outcomes.merge((ok ? "delivered " : "failed " + error + " ") + persistenceStatus, 1, Integer::sum);
    }

    public int count() {
        return count;
    }

    public synchronized int reportedCount() {
        return reported.cardinality();
    }

    public synchronized boolean complete() {
        return reported.cardinality() == count;
    }

    public synchronized boolean isDelivered(long id) {
        return delivered.get((int) id);
    }

    /** Whether {@code id} failed with {@value #NOT_PERSISTED}: it must not be in the log. */
    public synchronized boolean isNotPersisted(long id) {
        return notPersisted.get((int) id);
    }

    public synchronized int deliveredCount() {
        return delivered.cardinality();
    }

    public synchronized int failedCount() {
        return reported.cardinality() - delivered.cardinality();
    }

    /** How many reports had each outcome, e.g. {@code "failed _MSG_TIMED_OUT POSSIBLY_PERSISTED" -> 12}. */
    public synchronized Map<String, Integer> outcomes() {
        return new TreeMap<>(outcomes);
    }

    /** The violations: messages reported twice, never, or ids that were never sent ("" when none). */
    public synchronized String violations() {
        StringBuilder s = new StringBuilder();
        int missing = count - reported.cardinality();
        if (missing > 0) s.append(missing).append(" messages without a report (first: ").append(reported.nextClearBit(0)).append("); ");
        if (duplicateReports > 0) s.append(duplicateReports).append(" second reports; ");
        if (outOfRange > 0) s.append(outOfRange).append(" reports for ids never sent; ");
        return s.toString();
    }

    /** Throws an {@link AssertionError} naming the violations, if any. */
    public void assertOneOutcomePerMessage() {
        String v = violations();
        if (!v.isEmpty()) throw new AssertionError("delivery reports: " + v + summary());
    }

    public synchronized String summary() {
        return count + " messages, " + reported.cardinality() + " reported: " + outcomes;
    }
}
