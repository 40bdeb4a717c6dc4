package dev.jrdkafka.testkit.invariants;

import java.util.Arrays;

/**
 * "A committing consumer group skips nothing and re-reads only after uncommitted work",
 * over partitions whose offsets run {@code 0..end-1} without gaps (no transaction markers
 * or compaction). Feed it, in order, every record any member of the group consumed
 * ({@link #consumed}) and every commit that succeeded ({@link #committed}, the next offset
 * to read as Kafka stores it). Per partition it keeps the highest offset read and the
 * committed offset, and counts
 * <ul>
 *   <li><b>skipped</b>: a record whose offset is beyond the highest read plus one — a gap
 *       nothing read (also offsets never read by the end, see {@link #missing()});</li>
 *   <li><b>re-read</b>: a record at or below the highest read: allowed only at or above
 *       the committed offset (uncommitted work handed to a new owner);</li>
 *   <li><b>re-read committed</b>: a record below the committed offset read again — a
 *       violation, the group went back behind its own commit.</li>
 * </ul>
 * Thread-safe (members may run on their own threads).
 */
public final class GroupProgressCheck {
    private final long[] highest;
    private final long[] committed;
    private final long[] end;
    private long records;
    private long skipped;
    private long reread;
    private long rereadCommitted;
    private long commits;
    private String firstViolation = "";

    /** {@code end[p]}: how many records partition {@code p} holds (the group must read them all). */
    public GroupProgressCheck(long... end) {
        this.end = end.clone();
        this.highest = new long[end.length];
        this.committed = new long[end.length];
        Arrays.fill(highest, -1);
    }

    public synchronized void consumed(int partition, long offset) {
        records++;
        if (offset > highest[partition] + 1) {
            skipped += offset - highest[partition] - 1;
            note("partition " + partition + ": read " + offset + " after " + highest[partition]);
        } else if (offset <= highest[partition]) {
            reread++;
            if (offset < committed[partition]) {
                rereadCommitted++;
                note("partition " + partition + ": re-read " + offset + " below committed " + committed[partition]);
            }
        }
        highest[partition] = Math.max(highest[partition], offset);
    }

    /** A commit of {@code nextOffset} for {@code partition} succeeded. */
    public synchronized void committed(int partition, long nextOffset) {
        commits++;
        if (nextOffset > highest[partition] + 1) note("partition " + partition + ": committed " + nextOffset + " beyond what was read");
        committed[partition] = Math.max(committed[partition], nextOffset);
    }

    private void note(String violation) {
        if (firstViolation.isEmpty()) firstViolation = violation;
    }

    /** Whether every partition has been read to its end. */
    public synchronized boolean complete() {
        for (int p = 0; p < end.length; p++) if (highest[p] + 1 < end[p]) return false;
        return true;
    }

    /** Records not yet read at the end of the partitions. */
    public synchronized long missing() {
        long n = 0;
        for (int p = 0; p < end.length; p++) n += Math.max(0, end[p] - highest[p] - 1);
        return n;
    }

    public synchronized long reread() {
        return reread;
    }

    public synchronized long skipped() {
        return skipped;
    }

    public synchronized long records() {
        return records;
    }

    public synchronized void assertNothingSkippedNothingCommittedReread() {
        if (skipped + rereadCommitted + missing() > 0 || !firstViolation.isEmpty()) {
            throw new AssertionError("consumer group: " + summary() + "; first violation: " + firstViolation);
        }
    }

    public synchronized String summary() {
        return records + " records read, " + commits + " commits: " + skipped + " skipped, " + missing()
                + " never read, " + reread + " re-read (uncommitted), " + rereadCommitted + " re-read below a commit";
    }
}
