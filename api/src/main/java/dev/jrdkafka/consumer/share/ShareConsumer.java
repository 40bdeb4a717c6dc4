package dev.jrdkafka.consumer.share;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.RecordView;
import dev.jrdkafka.internal.client.Args;
import dev.jrdkafka.internal.client.Leaks;
import dev.jrdkafka.internal.client.Timeouts;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A member of a Kafka share group (KIP-932, "Queues for Kafka") over librdkafka's share
 * consumer ({@code rd_kafka_share_t}). Members of one share group consume the same
 * partitions together: each record is <em>acquired</em> by one member under a time-limited
 * lock ({@code group.share.record.lock.duration.ms} on the broker, 30 s by default), then
 * <em>acknowledged</em>: {@link AcknowledgeType#ACCEPT ACCEPT}ed, {@link AcknowledgeType#RELEASE
 * RELEASE}d for redelivery (with a higher {@link ShareRecordBatch#deliveryCount delivery count})
 * or {@link AcknowledgeType#REJECT REJECT}ed. A record whose lock expires is redelivered too.
 * Needs a broker with share groups (Apache Kafka 4.2 or later); {@code group.id} names the
 * share group.
 *
 * <pre>{@code
 * try (ShareConsumer c = ShareConsumer.create(KafkaConfig.create()
 *         .bootstrapServers("localhost:9092").groupId("workers"))) {
 *     c.subscribe(List.of("jobs"));
 *     while (running) {
 *         try (ShareRecordBatch batch = c.poll(Duration.ofMillis(500))) {
 *             for (RecordView r : batch) handle(r.valueBytes()); // ACCEPTed by the next poll (implicit mode)
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p><b>Acknowledgement modes</b> ({@code share.acknowledgement.mode}, see
 * {@link AcknowledgementMode}): implicit (the default) ACCEPTs every record of a poll at the
 * next poll or commit, and refuses {@code acknowledge}; explicit requires every record to be
 * acknowledged before the next poll, which throws {@link IllegalStateException} otherwise.
 * Acknowledgements travel with the next poll, or with {@link #commitSync}/{@link #commitAsync};
 * the broker's answers go to the {@link AcknowledgementCommitListener}.
 *
 * <p><b>Limits</b> (librdkafka 2.15.0's preview, enforced here):
 * <ul>
 * <li><b>Single-threaded.</b> Use it from one thread at a time: a call from a second thread
 *     while one is in progress throws {@link java.util.ConcurrentModificationException}
 *     (before librdkafka is reached). Only {@link #close()} and {@link #isClosed()} may be
 *     called from any thread.</li>
 * <li><b>No wakeup.</b> librdkafka has none for share consumers, so there is no
 *     {@code wakeup()}: a blocking {@link #poll} or {@link #commitSync} ends at its timeout,
 *     and a {@code close()} from another thread waits for it. Keep poll timeouts short.</li>
 * <li><b>No lock renewal.</b> A record handled for longer than its acquisition lock may be
 *     redelivered, possibly to another member.</li>
 * <li>Exact topic names only (no regex subscriptions); {@code max.poll.records} is a soft bound.</li>
 * </ul>
 *
 * <p>Listeners ({@link ShareConsumerOptions}) run on the calling thread, inside this
 * consumer's calls, after librdkafka's part has returned. An unclosed share consumer that
 * becomes unreachable is reported (WARN, with where it was created) and closed.
 *
 * <p>Preview: librdkafka 2.15.0 marks the share consumer as a preview, so this API may change.
 */
public final class ShareConsumer implements AutoCloseable {
    private final ShareConsumerCore core;
    private final Cleaner.Cleanable cleanable;

    private ShareConsumer(ShareConsumerCore core) {
        this.core = core;
        this.cleanable = Leaks.register(this, core, core::closeOnLeak);
    }

    /** A share consumer with default options; {@code config} must set {@code group.id}. */
    public static ShareConsumer create(KafkaConfig config) {
        return create(config, ShareConsumerOptions.defaults());
    }

    /**
     * A share consumer; {@code config} must set {@code group.id}, and may set
     * {@code share.acknowledgement.mode} ({@link KafkaConfig#set(String, String)} with
     * {@link AcknowledgementMode#configValue()}).
     *
     * @throws IllegalArgumentException without a group id, or for a configuration librdkafka
     *         refuses (its message names the property; some regular-consumer properties, such
     *         as {@code enable.auto.commit}, do not apply to share consumers)
     */
    public static ShareConsumer create(KafkaConfig config, ShareConsumerOptions options) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(options, "options");
        return new ShareConsumer(new ShareConsumerCore(config.toMap(), options));
    }

    /** The acknowledgement mode fixed at creation. */
    public AcknowledgementMode acknowledgementMode() {
        return core.mode;
    }

    // ---- subscription --------------------------------------------------------------------

    /**
     * Subscribes to exactly these topics (replacing the previous subscription; an empty
     * collection unsubscribes). Partitions are assigned by the broker; there is no
     * rebalance listener.
     */
    public void subscribe(Collection<String> topics) {
        List<String> copy = Args.list(topics, "topics");
        for (String t : copy) {
            if (t.isEmpty()) throw new IllegalArgumentException("a topic name is empty");
            if (t.startsWith("^")) {
                throw new IllegalArgumentException("share consumers subscribe to exact topic names; regex '" + t
                        + "' is not supported by librdkafka's share consumer");
            }
        }
        if (copy.stream().distinct().count() != copy.size()) throw new IllegalArgumentException("duplicate topics in " + copy);
        core.subscribe(copy);
    }

    public void unsubscribe() {
        core.unsubscribe();
    }

    /** The subscribed topics. */
    public List<String> subscription() {
        return core.subscription();
    }

    // ---- poll ----------------------------------------------------------------------------

    /**
     * Fetches records acquired for this member, waiting up to {@code timeout} (librdkafka
     * cannot be woken: the call lasts until records arrive or the timeout passes). Returns
     * an empty batch on timeout. In implicit mode it first ACCEPTs the previous poll's records.
     *
     * @throws IllegalStateException in explicit mode, if a record of the previous poll is not
     *         acknowledged; or when closed
     * @throws KafkaException librdkafka's error for the call (e.g. not subscribed: {@code _STATE})
     */
    public ShareRecordBatch poll(Duration timeout) {
        int ms = Timeouts.millis(timeout, "timeout");
        return core.poll(ms);
    }

    // ---- acknowledge ---------------------------------------------------------------------

    /** ACCEPTs {@code record} (explicit mode). */
    public void acknowledge(RecordView record) {
        acknowledge(record, AcknowledgeType.ACCEPT);
    }

    /**
     * Acknowledges {@code record}, a record of an open batch this consumer polled; sent with
     * the next poll or commit (explicit mode).
     *
     * @throws IllegalStateException in implicit mode, if the record's batch is closed (use
     *         {@link #acknowledge(String, int, long, AcknowledgeType)}), or the record is not this consumer's
     */
    public void acknowledge(RecordView record, AcknowledgeType type) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(type, "type");
        core.acknowledge(record, type);
    }

    /**
     * Acknowledges the record at {@code topic}-{@code partition}@{@code offset}, which the
     * last poll delivered (its batch may be closed) (explicit mode).
     *
     * @throws KafkaException with {@code _STATE} if librdkafka does not know that record as acquired by this member
     */
    public void acknowledge(String topic, int partition, long offset, AcknowledgeType type) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(type, "type");
        if (partition < 0) throw new IllegalArgumentException("partition must be >= 0, got " + partition);
        if (offset < 0) throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        core.acknowledge(topic, partition, offset, type);
    }

    // ---- commit --------------------------------------------------------------------------

    /**
     * Sends the pending acknowledgements (in implicit mode: the last poll's records, as
     * ACCEPT) and waits up to {@code timeout} for the brokers' answers. Failed
     * acknowledgements are not retried.
     *
     * @return per partition, its outcome; empty if nothing was pending
     */
    public Map<TopicPartition, AcknowledgeOutcome> commitSync(Duration timeout) {
        return core.commitSync(Timeouts.millis(timeout, "timeout"));
    }

    /**
     * Sends the pending acknowledgements without waiting; the outcome reaches the
     * {@link AcknowledgementCommitListener} inside a later call on this thread.
     */
    public void commitAsync() {
        core.commitAsync();
    }

    // ---- lifecycle -----------------------------------------------------------------------

    public boolean isClosed() {
        return core.isClosedNow();
    }

    /** This client's name in logs ({@code client.id}, a counter and the group). */
    public String name() {
        return core.name();
    }

    /**
     * Sends pending acknowledgements, leaves the share group and frees the client; batches
     * this thread still holds are closed first. The bound: librdkafka's
     * {@code rd_kafka_share_consumer_close} takes no timeout and is bounded internally by
     * about {@code socket.timeout.ms} (60 s by default; milliseconds on a healthy cluster).
     * Called from another thread while the owner is inside {@link #poll} or
     * {@link #commitSync}, it first waits for that call's own timeout, since librdkafka has
     * no wakeup. A second concurrent close waits for the first. Refused (IllegalStateException)
     * from inside this consumer's listeners. Idempotent.
     */
    @Override
    public void close() {
        core.close();
        cleanable.clean();
    }

    @Override
    public String toString() {
        return "ShareConsumer[" + core.name() + (isClosed() ? ", closed" : "") + "]";
    }
}
