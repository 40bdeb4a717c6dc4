package dev.jrdkafka.consumer;

import dev.jrdkafka.ConsumerGroupMetadata;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.internal.rd.RdPartitionLists;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * librdkafka's high-level (group) consumer.
 *
 * <p>Use it from one thread; {@link #wakeup()} and {@link #close()} may be called from any
 * thread. {@link #subscribe} joins the group named by {@code group.id} (rebalances run
 * inside {@link #poll}, see {@link RebalanceListener}); {@link #assign} reads partitions
 * directly. {@link #poll(Duration)} returns one owned record; {@link #pollBatch} returns a
 * {@link RecordBatch} whose views read librdkafka's buffers without copying.
 *
 * <p>Errors: a consume error (e.g. an unknown topic, or a broker error for a partition) is
 * thrown from poll as a {@link dev.jrdkafka.KafkaException}; partition EOF
 * ({@code enable.partition.eof}) is not an error and is skipped. Client-level errors (all
 * brokers down...) go to the {@link dev.jrdkafka.ClientListener}.
 *
 * <p>Lifecycle: {@link #close()} leaves the group cleanly (the rebalance listener sees the
 * revocation), is idempotent, and is refused from inside this consumer's callbacks; calls
 * after it throw {@link IllegalStateException}. An unclosed consumer that is
 * garbage-collected is reported and closed.
 */
public final class Consumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Consumer.class);
    private static final Cleaner CLEANER = Cleaner.create(Thread.ofPlatform().daemon().name("jrdkafka-consumer-cleaner").factory());

    private final ConsumerCore core;
    private final Cleaner.Cleanable cleanable;

    private Consumer(Map<String, String> config, ConsumerOptions options) {
        this.core = new ConsumerCore(config, options);
        core.owner(this);
        this.cleanable = CLEANER.register(this, new LeakReport(core, new Throwable("the Consumer was created here")));
    }

    public static Consumer create(KafkaConfig config) {
        return create(config, ConsumerOptions.defaults());
    }

    public static Consumer create(KafkaConfig config, ConsumerOptions options) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(options, "options");
        return new Consumer(config.toMap(), options);
    }

    public String name() {
        return core.client.name();
    }

    // ---- subscription and assignment ---------------------------------------------------

    /** Joins the group and follows {@code topics}; a name starting with {@code ^} is a regex. */
    public void subscribe(Collection<String> topics) {
        Objects.requireNonNull(topics, "topics");
        if (topics.isEmpty()) throw new IllegalArgumentException("subscribe needs at least one topic; use unsubscribe() to leave");
        if (core.groupId == null) {
            throw new IllegalStateException("subscribe needs group.id in the configuration; use assign() without a group");
        }
        run(() -> core.rd.subscribe(List.copyOf(topics)));
    }

    public void unsubscribe() {
        run(core.rd::unsubscribe);
    }

    public List<String> subscription() {
        return call(core.rd::subscription);
    }

    /** Reads exactly these partitions (no group rebalancing), from their committed offsets or auto.offset.reset. */
    public void assign(Collection<TopicPartition> partitions) {
        Objects.requireNonNull(partitions, "partitions");
        MemorySegment list = RdPartitionLists.of(partitions, dev.jrdkafka.bindings.rdkafka_h.RD_KAFKA_OFFSET_INVALID());
        try {
            run(() -> core.rd.assign(list, "assign"));
        } finally {
            RdPartitionLists.destroy(list);
        }
    }

    /** Stops reading all assigned partitions. */
    public void unassign() {
        run(() -> core.rd.assign(MemorySegment.NULL, "unassign"));
    }

    /** Adds partitions to the assignment (cooperative style). */
    public void incrementalAssign(Collection<TopicPartition> partitions) {
        withList(partitions, core.rd::incrementalAssign);
    }

    /** Removes partitions from the assignment (cooperative style). */
    public void incrementalUnassign(Collection<TopicPartition> partitions) {
        withList(partitions, core.rd::incrementalUnassign);
    }

    public Set<TopicPartition> assignment() {
        return call(core.rd::assignment);
    }

    /** "NONE" (no group yet), "EAGER" or "COOPERATIVE" (cooperative-sticky and the KIP-848 protocol). */
    public String rebalanceProtocol() {
        return call(core.rd::rebalanceProtocol);
    }

    // ---- polling ------------------------------------------------------------------

    /** The next record, or null if none arrived within {@code timeout}. */
    public ConsumerRecord poll(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return core.poll(timeout);
    }

    /**
     * Up to {@code maxRecords} records that are ready (waiting up to {@code timeout} for the
     * first), as a batch read in place; close it when done.
     */
    public RecordBatch pollBatch(int maxRecords, Duration timeout) {
        if (maxRecords < 1) throw new IllegalArgumentException("maxRecords must be >= 1, got " + maxRecords);
        Objects.requireNonNull(timeout, "timeout");
        return core.pollBatch(maxRecords, timeout);
    }

    /** Makes a poll blocked on another thread (or the next one) throw {@link WakeupException}. */
    public void wakeup() {
        core.wakeup();
    }

    // ---- offsets ------------------------------------------------------------------

    /** Commits the positions of the whole assignment, waiting for the result. */
    public void commitSync() {
        run(() -> core.rd.commit(null, false));
    }

    /** Commits {@code offsets} (the next offset to read, per partition), waiting for the result. */
    public void commitSync(Map<TopicPartition, Long> offsets) {
        Objects.requireNonNull(offsets, "offsets");
        run(() -> core.rd.commit(offsets, false));
    }

    /** Commits the positions of the whole assignment without waiting; failures reach the ClientListener's log. */
    public void commitAsync() {
        run(() -> core.rd.commit(null, true));
    }

    /** Committed offsets (-1001 where the group has none). */
    public Map<TopicPartition, Long> committed(Collection<TopicPartition> partitions, Duration timeout) {
        return call(() -> core.rd.committed(partitions, millis(timeout)));
    }

    /** The next offset this consumer will read, per partition (-1001 before the first fetch). */
    public Map<TopicPartition, Long> position(Collection<TopicPartition> partitions) {
        return call(() -> core.rd.position(partitions));
    }

    /** Continues reading {@code partition} at {@code offset} (it must be assigned). */
    public void seek(TopicPartition partition, long offset) {
        seek(Map.of(partition, offset), Duration.ofSeconds(10));
    }

    public void seek(Map<TopicPartition, Long> offsets, Duration timeout) {
        run(() -> core.rd.seek(offsets, millis(timeout)));
    }

    public void pause(Collection<TopicPartition> partitions) {
        run(() -> core.rd.pause(partitions, true));
    }

    public void resume(Collection<TopicPartition> partitions) {
        run(() -> core.rd.pause(partitions, false));
    }

    /** Queries the partition leader for the low and high watermarks. */
    public Watermarks watermarks(TopicPartition partition, Duration timeout) {
        long[] w = call(() -> core.rd.watermarks(partition, millis(timeout)));
        return new Watermarks(w[0], w[1]);
    }

    /**
     * This member's group identity, for a transactional producer's sendOffsetsToTransaction.
     * librdkafka 2.14 does not expose the generation, so it is -1.
     */
    public ConsumerGroupMetadata groupMetadata() {
        String[] md = call(core.rd::groupMetadata);
        if (md == null || core.groupId == null) throw new IllegalStateException("this consumer has no group.id");
        return new ConsumerGroupMetadata(core.groupId, -1, md[0] == null ? "" : md[0], md[1]);
    }

    // ---- lifecycle -----------------------------------------------------------------

    public boolean isClosed() {
        return core.isClosed();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /**
     * Leaves the group and destroys the client. {@code timeout} bounds the wait for a poll in
     * progress on another thread; leaving the group itself is bounded by librdkafka's group
     * timeouts (it must finish the revocation, running the rebalance listener).
     */
    public void close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        core.close(timeout);
        cleanable.clean();
    }

    private void withList(Collection<TopicPartition> partitions, java.util.function.Consumer<MemorySegment> op) {
        Objects.requireNonNull(partitions, "partitions");
        MemorySegment list = RdPartitionLists.of(partitions, dev.jrdkafka.bindings.rdkafka_h.RD_KAFKA_OFFSET_INVALID());
        try {
            run(() -> op.accept(list));
        } finally {
            RdPartitionLists.destroy(list);
        }
    }

    private void run(Runnable r) {
        core.guard.enter();
        try {
            r.run();
        } finally {
            core.guard.exit();
        }
    }

    private <T> T call(java.util.function.Supplier<T> s) {
        core.guard.enter();
        try {
            return s.get();
        } finally {
            core.guard.exit();
        }
    }

    private static int millis(Duration d) {
        Objects.requireNonNull(d, "timeout");
        if (d.isNegative()) throw new IllegalArgumentException("timeout must be >= 0, got " + d);
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    private record LeakReport(ConsumerCore core, Throwable createdAt) implements Runnable {
        @Override
        public void run() {
            if (!core.isClosed()) {
                LOG.warn("a Consumer ({}) was garbage-collected without close(); closing it now", core.client.name(), createdAt);
                core.close(Duration.ofSeconds(5));
            }
        }
    }
}
