package dev.jrdkafka.kafkaclients;

import dev.jrdkafka.ClientListener;
import dev.jrdkafka.consumer.ConsumerOptions;
import dev.jrdkafka.consumer.OffsetAndEpoch;
import dev.jrdkafka.consumer.PartitionErrorsException;
import dev.jrdkafka.consumer.RebalanceListener;
import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.consumer.Watermarks;
import dev.jrdkafka.kafkaclients.ConfigTranslator.Role;
import dev.jrdkafka.kafkaclients.ConfigTranslator.Translation;
import dev.jrdkafka.kafkaclients.ErrorMapping.Side;
import java.time.Duration;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.clients.consumer.SubscriptionPattern;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kafka-clients' {@link Consumer} over jrdkafka's {@link dev.jrdkafka.consumer.Consumer}.
 *
 * <p>Threading as {@code KafkaConsumer}: one thread at a time (else
 * {@link ConcurrentModificationException}); {@link #wakeup()} from any thread makes a blocked
 * or the next {@link #poll} throw {@link WakeupException}. {@link ConsumerRebalanceListener}
 * callbacks (including {@code onPartitionsLost}), commit callbacks and interceptors run on
 * the polling thread, inside {@code poll}.
 *
 * <p>Offsets as kafka-clients: with {@code enable.auto.commit} the positions of the records a
 * poll returned are stored for librdkafka's background commit when the <em>next</em> poll
 * starts (or at a revocation or close), so a record is only committed after the application
 * came back for more — librdkafka's own habit, storing on hand-out, could commit records still
 * being processed. {@code commitSync()}/{@code commitAsync()} without offsets commit those
 * positions. A record that fails to deserialize throws {@code RecordDeserializationException}
 * and stays the partition's position (the records before it are returned first).
 */
public final class JrdkafkaConsumer<K, V> implements Consumer<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(JrdkafkaConsumer.class);
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final ConsumerRebalanceListener NO_OP = new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
    };

    private final dev.jrdkafka.consumer.Consumer consumer;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final RecordsBuilder<K, V> builder;
    private final List<ConsumerInterceptor<K, V>> interceptors;
    private final StatisticsMetrics metrics;
    private final int maxPollRecords;
    private final Duration defaultApiTimeout;
    private final boolean autoCommit;
    private final boolean storeOffsets;
    private final String groupId;
    private final String autoOffsetReset;
    private final boolean readCommitted;
    private dev.jrdkafka.admin.Admin offsetsAdmin; // for offsetsForTimes, over this consumer's connections; owner thread only

    private final AtomicReference<Thread> owner = new AtomicReference<>();
    private int depth;
    private volatile boolean closed;

    // Touched only by the owner thread.
    private ConsumerRebalanceListener listener = NO_OP;
    private final Map<TopicPartition, OffsetAndMetadata> consumed = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> toStore = new HashMap<>();
    private final Set<TopicPartition> paused = new HashSet<>();
    private boolean assignedManually;
    private boolean subscribed; // tracked here: asking librdkafka costs a round trip to its main thread

    public JrdkafkaConsumer(Map<String, Object> configs) {
        this(configs, null, null);
    }

    public JrdkafkaConsumer(Properties properties) {
        this(properties, null, null);
    }

    public JrdkafkaConsumer(Properties properties, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        this(toMap(properties), keyDeserializer, valueDeserializer);
    }

    @SuppressWarnings("unchecked")
    public JrdkafkaConsumer(Map<String, Object> configs, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        Translation t = ConfigTranslator.translate(configs, Role.CONSUMER);
        var config = t.config();
        String clientId = config.get("client.id").orElse("consumer-jrdkafka-" + IDS.incrementAndGet());
        config.clientId(clientId);
        this.groupId = config.get("group.id").filter(g -> !g.isEmpty()).orElse(null);
        this.autoCommit = groupId != null && !config.get("enable.auto.commit").map(v -> v.strip().equalsIgnoreCase("false")).orElse(false);
        // Offsets are stored by this class (see the class comment), unless the application set librdkafka's own.
        this.storeOffsets = config.get("enable.auto.offset.store").isEmpty();
        if (storeOffsets && groupId != null) config.set("enable.auto.offset.store", "false");
        this.autoOffsetReset = config.get("auto.offset.reset").orElse("latest");
        this.readCommitted = config.get("isolation.level").map(v -> !v.strip().equalsIgnoreCase("read_uncommitted")).orElse(true);
        this.keyDeserializer = keyDeserializer != null ? keyDeserializer
                : configured((Deserializer<K>) plugin(t.javaSide().get("key.deserializer"), "key.deserializer"), configs, true);
        this.valueDeserializer = valueDeserializer != null ? valueDeserializer
                : configured((Deserializer<V>) plugin(t.javaSide().get("value.deserializer"), "value.deserializer"), configs, false);
        this.builder = new RecordsBuilder<>(this.keyDeserializer, this.valueDeserializer);
        List<?> list = Convert.instances(t.javaSide().get("interceptor.classes"), ConsumerInterceptor.class, configs);
        this.interceptors = (List<ConsumerInterceptor<K, V>>) list;
        this.maxPollRecords = Integer.parseInt(String.valueOf(t.javaSide("max.poll.records", "500")).strip());
        if (maxPollRecords < 1) throw new org.apache.kafka.common.config.ConfigException("max.poll.records must be >= 1");
        this.defaultApiTimeout = Duration.ofMillis(Long.parseLong(String.valueOf(t.javaSide("default.api.timeout.ms", "60000")).strip()));
        this.metrics = new StatisticsMetrics(Role.CONSUMER, clientId);
        StatisticsMetrics m = metrics;
        ClientListener stats = new ClientListener() {
            @Override
            public void onStats(String json) {
                m.onStats(json);
            }
        };
        ConsumerOptions options = ConsumerOptions.defaults().withListener(stats).withRebalanceListener(new Rebalance());
        try {
            this.consumer = dev.jrdkafka.consumer.Consumer.create(config, options);
        } catch (dev.jrdkafka.KafkaException e) {
            throw new KafkaException("Failed to construct jrdkafka consumer: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new org.apache.kafka.common.config.ConfigException(e.getMessage());
        }
    }

    private static Map<String, Object> toMap(Properties p) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) m.put(name, p.getProperty(name));
        p.forEach((k, v) -> m.put(String.valueOf(k), v));
        return m;
    }

    private static Object plugin(Object spec, String key) {
        if (spec == null) {
            throw new org.apache.kafka.common.config.ConfigException(key + " is not set and no deserializer was passed"
                    + " to the constructor");
        }
        if (spec instanceof Deserializer<?> d) return d;
        return Convert.instances(spec, Deserializer.class, Map.of()).getFirst();
    }

    private static <T> Deserializer<T> configured(Deserializer<T> d, Map<String, ?> configs, boolean isKey) {
        d.configure(configs, isKey);
        return d;
    }

    // ---- threading --------------------------------------------------------------------

    private void acquire() {
        Thread me = Thread.currentThread();
        Thread current = owner.get();
        if (current != me && !owner.compareAndSet(null, me)) {
            Thread other = owner.get();
            throw new ConcurrentModificationException("KafkaConsumer is not safe for multi-threaded access. currentThread(name: "
                    + me.getName() + ", id: " + me.threadId() + ") otherThread(id: " + (other == null ? -1 : other.threadId()) + ")");
        }
        depth++;
    }

    private void release() {
        if (--depth == 0) owner.set(null);
    }

    private void acquireAndEnsureOpen() {
        acquire();
        if (closed) {
            release();
            throw new IllegalStateException("This consumer has already been closed.");
        }
    }

    private <T> T owned(java.util.function.Supplier<T> body) {
        acquireAndEnsureOpen();
        try {
            return body.get();
        } catch (dev.jrdkafka.consumer.WakeupException e) {
            throw new WakeupException();
        } catch (dev.jrdkafka.KafkaException e) {
            throw ErrorMapping.toKafkaClients(e, Side.CONSUMER);
        } finally {
            release();
        }
    }

    private void owned(Runnable body) {
        owned(() -> {
            body.run();
            return null;
        });
    }

    // ---- subscription -------------------------------------------------------------------

    @Override
    public Set<TopicPartition> assignment() {
        return owned(() -> Set.copyOf(Convert.partitionsToKafka(consumer.assignment())));
    }

    @Override
    public Set<String> subscription() {
        return owned(() -> Set.copyOf(consumer.subscription()));
    }

    @Override
    public void subscribe(Collection<String> topics) {
        subscribe(topics, NO_OP);
    }

    @Override
    public void subscribe(Collection<String> topics, ConsumerRebalanceListener callback) {
        Objects.requireNonNull(topics, "Topic collection to subscribe to cannot be null");
        Objects.requireNonNull(callback, "RebalanceListener cannot be null");
        owned(() -> {
            if (groupId == null) {
                throw new org.apache.kafka.common.errors.InvalidGroupIdException("To use the group management or offset commit"
                        + " APIs, you must provide a valid group.id in the consumer configuration.");
            }
            if (assignedManually) {
                throw new IllegalStateException("Subscription to topics, partitions and pattern are mutually exclusive");
            }
            for (String t : topics) {
                if (t == null || t.isBlank()) throw new IllegalArgumentException("Topic collection to subscribe to cannot contain null or empty topic");
            }
            if (topics.isEmpty()) {
                unsubscribeOwned();
                return;
            }
            listener = callback;
            consumer.subscribe(List.copyOf(topics));
            subscribed = true;
        });
    }

    /** A Java {@link Pattern}, handed to librdkafka as a regex subscription ({@code ^...}; POSIX extended syntax). */
    @Override
    public void subscribe(Pattern pattern, ConsumerRebalanceListener callback) {
        Objects.requireNonNull(pattern, "Topic pattern to subscribe to cannot be null");
        String p = pattern.pattern();
        subscribe(List.of(p.startsWith("^") ? p : "^" + p), callback);
    }

    @Override
    public void subscribe(Pattern pattern) {
        subscribe(pattern, NO_OP);
    }

    @Override
    public void subscribe(SubscriptionPattern pattern, ConsumerRebalanceListener callback) {
        Objects.requireNonNull(pattern, "pattern");
        subscribe(Pattern.compile(pattern.pattern()), callback);
    }

    @Override
    public void subscribe(SubscriptionPattern pattern) {
        subscribe(pattern, NO_OP);
    }

    @Override
    public void assign(Collection<TopicPartition> partitions) {
        Objects.requireNonNull(partitions, "Topic partition collection to assign to cannot be null");
        owned(() -> {
            if (subscribed) {
                throw new IllegalStateException("Subscription to topics, partitions and pattern are mutually exclusive");
            }
            if (partitions.isEmpty()) {
                unsubscribeOwned();
                return;
            }
            storePositions();
            consumer.assign(Convert.partitionsToJrd(partitions));
            assignedManually = true;
            Set<TopicPartition> keep = Set.copyOf(partitions);
            consumed.keySet().retainAll(keep);
            paused.retainAll(keep);
        });
    }

    @Override
    public void unsubscribe() {
        owned(this::unsubscribeOwned);
    }

    private void unsubscribeOwned() {
        storePositions();
        if (assignedManually) consumer.unassign();
        else consumer.unsubscribe();
        assignedManually = false;
        subscribed = false;
        consumed.clear();
        paused.clear();
    }

    /** jrdkafka's rebalance events as kafka-clients' listener calls, on the polling thread. */
    private final class Rebalance implements RebalanceListener {
        @Override
        public void onPartitionsAssigned(dev.jrdkafka.consumer.Consumer c, Collection<dev.jrdkafka.TopicPartition> partitions) {
            listener.onPartitionsAssigned(Convert.partitionsToKafka(partitions));
        }

        @Override
        public void onPartitionsRevoked(dev.jrdkafka.consumer.Consumer c, Collection<dev.jrdkafka.TopicPartition> partitions) {
            List<TopicPartition> tps = Convert.partitionsToKafka(partitions);
            storePositions(); // committed with the revocation, as kafka-clients commits before onPartitionsRevoked
            listener.onPartitionsRevoked(tps);
            forget(tps);
        }

        @Override
        public void onPartitionsLost(dev.jrdkafka.consumer.Consumer c, Collection<dev.jrdkafka.TopicPartition> partitions) {
            List<TopicPartition> tps = Convert.partitionsToKafka(partitions);
            toStore.keySet().removeAll(tps); // no longer ours: nothing to commit
            listener.onPartitionsLost(tps);
            forget(tps);
        }

        private void forget(List<TopicPartition> tps) {
            tps.forEach(consumed.keySet()::remove);
            tps.forEach(paused::remove);
            tps.forEach(toStore.keySet()::remove);
        }
    }

    // ---- poll -----------------------------------------------------------------------------

    @Override
    public ConsumerRecords<K, V> poll(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) throw new IllegalArgumentException("Timeout must not be negative");
        return owned(() -> {
            if (!subscribed && !assignedManually) {
                throw new IllegalStateException("Consumer is not subscribed to any topics or assigned any partitions");
            }
            storePositions();
            long deadline = System.nanoTime() + Math.min(timeout.toNanos(), Long.MAX_VALUE / 4);
            do {
                long left = Math.max(0, deadline - System.nanoTime());
                try (RecordBatch batch = consumer.pollBatch(maxPollRecords, Duration.ofNanos(left))) {
                    if (batch.isEmpty()) continue;
                    RecordsBuilder.Result<K, V> r = builder.build(batch);
                    if (r.failure() != null) {
                        Map<dev.jrdkafka.TopicPartition, Long> back = new LinkedHashMap<>();
                        r.notReturned().forEach((tp, off) -> back.put(Convert.toJrd(tp), off));
                        consumer.seek(back, defaultApiTimeout);
                        if (r.records().isEmpty()) throw r.failure();
                    }
                    return handOut(r.records());
                } catch (dev.jrdkafka.KafkaException e) {
                    // kafka-clients' poll does not throw when the member overran max.poll.interval.ms: it
                    // reports the partitions lost and rejoins. librdkafka does both and also returns this error.
                    if (e.error() != dev.jrdkafka.KafkaError._MAX_POLL_EXCEEDED) throw e;
                    LOG.warn("{}; the consumer rejoins the group", e.getMessage());
                }
            } while (deadline - System.nanoTime() > 0);
            return ConsumerRecords.empty();
        });
    }

    private ConsumerRecords<K, V> handOut(ConsumerRecords<K, V> records) {
        records.nextOffsets().forEach((tp, o) -> {
            consumed.put(tp, o);
            if (autoCommit && storeOffsets) toStore.put(tp, o);
        });
        ConsumerRecords<K, V> out = records;
        for (ConsumerInterceptor<K, V> i : interceptors) {
            try {
                out = i.onConsume(out);
            } catch (RuntimeException e) {
                LOG.warn("consumer interceptor {} onConsume failed: {}", i.getClass().getName(), e.toString());
            }
        }
        return out;
    }

    /** Hands the positions of records returned by earlier polls to librdkafka's auto-commit. */
    private void storePositions() {
        if (toStore.isEmpty()) return;
        // Revoked and lost partitions were removed from toStore by the rebalance listener; one
        // no longer assigned otherwise is refused by librdkafka alone (the others are stored).
        Map<dev.jrdkafka.TopicPartition, dev.jrdkafka.OffsetAndMetadata> offsets = new LinkedHashMap<>();
        toStore.forEach((tp, o) -> offsets.put(Convert.toJrd(tp), Convert.toJrd(o)));
        toStore.clear();
        try {
            consumer.storeOffsets(offsets);
        } catch (PartitionErrorsException e) {
            LOG.debug("storing positions for the auto-commit: {}", e.getMessage());
        }
    }

    @Override
    public void wakeup() {
        consumer.wakeup();
    }

    // ---- commits -----------------------------------------------------------------------

    @Override
    public void commitSync() {
        commitSync(defaultApiTimeout);
    }

    @Override
    public void commitSync(Duration timeout) {
        owned(() -> commitOwned(currentPositions(), timeout));
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        commitSync(offsets, defaultApiTimeout);
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        Objects.requireNonNull(offsets, "offsets");
        owned(() -> commitOwned(Map.copyOf(offsets), timeout));
    }

    private void commitOwned(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        requireGroup();
        if (offsets.isEmpty()) return;
        try {
            consumer.commitSync(Convert.offsetsToJrd(offsets), timeout);
        } catch (dev.jrdkafka.KafkaException e) {
            throw commitError(e);
        }
        onCommit(offsets);
    }

    /** Positions of the last records returned, for every assigned partition that has one. */
    private Map<TopicPartition, OffsetAndMetadata> currentPositions() {
        Set<dev.jrdkafka.TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> out = new LinkedHashMap<>();
        consumed.forEach((tp, o) -> {
            if (assigned.contains(Convert.toJrd(tp))) out.put(tp, o);
        });
        return out;
    }

    private static RuntimeException commitError(dev.jrdkafka.KafkaException e) {
        return switch (e.error()) {
            case ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID, REBALANCE_IN_PROGRESS, _ASSIGNMENT_LOST, FENCED_MEMBER_EPOCH,
                 STALE_MEMBER_EPOCH -> {
                CommitFailedException c = new CommitFailedException("Commit cannot be completed since the group has already"
                        + " rebalanced and assigned the partitions to another member (" + e.getMessage() + ")");
                c.initCause(e);
                yield c;
            }
            default -> ErrorMapping.toKafkaClients(e, Side.CONSUMER);
        };
    }

    private void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        for (ConsumerInterceptor<K, V> i : interceptors) {
            try {
                i.onCommit(offsets);
            } catch (RuntimeException e) {
                LOG.warn("consumer interceptor {} onCommit failed: {}", i.getClass().getName(), e.toString());
            }
        }
    }

    @Override
    public void commitAsync() {
        commitAsync(null);
    }

    @Override
    public void commitAsync(OffsetCommitCallback callback) {
        owned(() -> commitAsyncOwned(currentPositions(), callback));
    }

    @Override
    public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        Objects.requireNonNull(offsets, "offsets");
        owned(() -> commitAsyncOwned(Map.copyOf(offsets), callback));
    }

    private void commitAsyncOwned(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        requireGroup();
        if (offsets.isEmpty()) {
            if (callback != null) callback.onComplete(offsets, null);
            return;
        }
        consumer.commitAsync(Convert.offsetsToJrd(offsets), (done, error) -> {
            Exception mapped = error == null ? null : commitError(error);
            if (mapped == null) onCommit(offsets);
            if (callback != null) callback.onComplete(offsets, mapped);
            else if (mapped != null) LOG.warn("asynchronous commit of {} failed: {}", offsets.keySet(), mapped.toString());
        });
    }

    private void requireGroup() {
        if (groupId == null) {
            throw new org.apache.kafka.common.errors.InvalidGroupIdException("To use the group management or offset commit"
                    + " APIs, you must provide a valid group.id in the consumer configuration.");
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
        return committed(partitions, defaultApiTimeout);
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions, Duration timeout) {
        Objects.requireNonNull(partitions, "partitions");
        return owned(() -> {
            requireGroup();
            Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
            if (partitions.isEmpty()) return out;
            consumer.committed(Convert.partitionsToJrd(partitions), timeout)
                    .forEach((tp, o) -> out.put(Convert.toKafka(tp), o == null ? null : Convert.toKafka(o)));
            return out;
        });
    }

    // ---- positions -------------------------------------------------------------------

    @Override
    public void seek(TopicPartition partition, long offset) {
        if (offset < 0) throw new IllegalArgumentException("seek offset must not be a negative number");
        seekTo(Map.of(partition, offset));
    }

    @Override
    public void seek(TopicPartition partition, OffsetAndMetadata offsetAndMetadata) {
        seek(partition, offsetAndMetadata.offset());
    }

    @Override
    public void seekToBeginning(Collection<TopicPartition> partitions) {
        seekAll(partitions, dev.jrdkafka.consumer.Consumer.OFFSET_BEGINNING);
    }

    @Override
    public void seekToEnd(Collection<TopicPartition> partitions) {
        seekAll(partitions, dev.jrdkafka.consumer.Consumer.OFFSET_END);
    }

    private void seekAll(Collection<TopicPartition> partitions, long logical) {
        Objects.requireNonNull(partitions, "Partitions collection cannot be null");
        owned(() -> {
            Collection<TopicPartition> tps = partitions.isEmpty() ? Convert.partitionsToKafka(consumer.assignment()) : partitions;
            Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
            for (TopicPartition tp : tps) offsets.put(tp, logical);
            seekTo(offsets);
        });
    }

    private void seekTo(Map<TopicPartition, Long> offsets) {
        owned(() -> {
            Map<dev.jrdkafka.TopicPartition, Long> jrd = new LinkedHashMap<>();
            offsets.forEach((tp, o) -> {
                jrd.put(Convert.toJrd(tp), o);
                consumed.remove(tp);
                toStore.remove(tp);
            });
            try {
                consumer.seek(jrd, defaultApiTimeout);
            } catch (PartitionErrorsException e) {
                if (e.error() == dev.jrdkafka.KafkaError._STATE) {
                    throw new IllegalStateException("No current assignment for partition(s) " + offsets.keySet() + ": "
                            + e.getMessage(), e);
                }
                throw e;
            }
        });
    }

    @Override
    public long position(TopicPartition partition) {
        return position(partition, defaultApiTimeout);
    }

    /**
     * The next offset: librdkafka's position once the partition has fetched, else the
     * committed offset, else where {@code auto.offset.reset} points (low or high watermark).
     */
    @Override
    public long position(TopicPartition partition, Duration timeout) {
        return owned(() -> {
            var tp = Convert.toJrd(partition);
            if (!consumer.assignment().contains(tp)) {
                throw new IllegalStateException("You can only check the position for partitions assigned to this consumer.");
            }
            OffsetAndMetadata c = consumed.get(partition);
            if (c != null) return c.offset();
            long p = consumer.position(List.of(tp)).getOrDefault(tp, dev.jrdkafka.consumer.Consumer.OFFSET_INVALID);
            if (p >= 0) return p;
            if (groupId != null) {
                var committed = consumer.committed(List.of(tp), timeout).get(tp);
                if (committed != null) return committed.offset();
            }
            Watermarks w = consumer.watermarks(tp, timeout);
            return autoOffsetReset.strip().equalsIgnoreCase("earliest") || autoOffsetReset.equalsIgnoreCase("smallest")
                    || autoOffsetReset.equalsIgnoreCase("beginning") ? w.low() : w.high();
        });
    }

    @Override
    public Set<TopicPartition> paused() {
        return owned(() -> Set.copyOf(paused));
    }

    @Override
    public void pause(Collection<TopicPartition> partitions) {
        owned(() -> {
            consumer.pause(Convert.partitionsToJrd(partitions));
            paused.addAll(partitions);
        });
    }

    @Override
    public void resume(Collection<TopicPartition> partitions) {
        owned(() -> {
            consumer.resume(Convert.partitionsToJrd(partitions));
            partitions.forEach(paused::remove);
        });
    }

    // ---- offsets lookups -------------------------------------------------------------

    @Override
    public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch) {
        return offsetsForTimes(timestampsToSearch, defaultApiTimeout);
    }

    /**
     * ListOffsets by timestamp through an Admin over this consumer's connections: librdkafka's
     * consumer call returns no timestamp, the Admin call returns the found record's. Uses the
     * consumer's isolation level; a partition with no record that late maps to null.
     */
    @Override
    public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch, Duration timeout) {
        Objects.requireNonNull(timestampsToSearch, "timestampsToSearch");
        return owned(() -> {
            Map<dev.jrdkafka.TopicPartition, dev.jrdkafka.cluster.OffsetSpec> specs = new LinkedHashMap<>();
            timestampsToSearch.forEach((tp, ts) -> {
                if (ts < 0) throw new IllegalArgumentException("The target time for partition " + tp + " is " + ts
                        + ". The target time cannot be negative.");
                specs.put(Convert.toJrd(tp), dev.jrdkafka.cluster.OffsetSpec.forTimestamp(ts));
            });
            Map<TopicPartition, OffsetAndTimestamp> out = new HashMap<>();
            if (specs.isEmpty()) return out;
            if (offsetsAdmin == null) offsetsAdmin = dev.jrdkafka.admin.Admin.of(consumer);
            dev.jrdkafka.admin.AdminOptions o = dev.jrdkafka.admin.AdminOptions.defaults().withRequestTimeout(timeout)
                    .withIsolationLevel(readCommitted ? dev.jrdkafka.admin.AdminOptions.IsolationLevel.READ_COMMITTED
                            : dev.jrdkafka.admin.AdminOptions.IsolationLevel.READ_UNCOMMITTED);
            var results = offsetsAdmin.listOffsets(specs, o);
            try {
                results.all().get(Math.max(1, timeout.toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new org.apache.kafka.common.errors.TimeoutException("Failed to get offsets by times in " + timeout.toMillis() + "ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.apache.kafka.common.errors.InterruptException(e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r; // a jrdkafka KafkaException: mapped by owned()
                throw new org.apache.kafka.common.KafkaException(e.getCause());
            }
            results.values().forEach((tp, f) -> {
                dev.jrdkafka.cluster.ListedOffset l = f.join();
                out.put(Convert.toKafka(tp), l.offset() < 0 ? null : new OffsetAndTimestamp(l.offset(), l.timestamp(),
                        l.leaderEpoch() < 0 ? Optional.empty() : Optional.of(l.leaderEpoch())));
            });
            return out;
        });
    }

    @Override
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
        return beginningOffsets(partitions, defaultApiTimeout);
    }

    @Override
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        return watermarks(partitions, timeout, true);
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        return endOffsets(partitions, defaultApiTimeout);
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        return watermarks(partitions, timeout, false);
    }

    private Map<TopicPartition, Long> watermarks(Collection<TopicPartition> partitions, Duration timeout, boolean low) {
        Objects.requireNonNull(partitions, "partitions");
        return owned(() -> {
            Map<TopicPartition, Long> out = new HashMap<>();
            for (TopicPartition tp : partitions) {
                Watermarks w = consumer.watermarks(Convert.toJrd(tp), timeout);
                out.put(tp, low ? w.low() : w.high());
            }
            return out;
        });
    }

    @Override
    public OptionalLong currentLag(TopicPartition topicPartition) {
        return owned(() -> {
            OffsetAndMetadata c = consumed.get(topicPartition);
            Watermarks w = consumer.cachedWatermarks(Convert.toJrd(topicPartition));
            if (c == null || w.high() < 0) return OptionalLong.empty();
            return OptionalLong.of(Math.max(0, w.high() - c.offset()));
        });
    }

    // ---- metadata, group ---------------------------------------------------------------

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        return partitionsFor(topic, defaultApiTimeout);
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
        Objects.requireNonNull(topic, "topic");
        return owned(() -> {
            List<PartitionInfo> parts = Convert.topics(consumer.metadata(timeout)).get(topic);
            return parts == null ? List.of() : parts;
        });
    }

    @Override
    public Map<String, List<PartitionInfo>> listTopics() {
        return listTopics(defaultApiTimeout);
    }

    @Override
    public Map<String, List<PartitionInfo>> listTopics(Duration timeout) {
        return owned(() -> {
            Map<String, List<PartitionInfo>> all = new HashMap<>(Convert.topics(consumer.metadata(timeout)));
            all.keySet().removeIf(t -> t.startsWith("__"));
            return all;
        });
    }

    @Override
    public ConsumerGroupMetadata groupMetadata() {
        return owned(() -> {
            requireGroup();
            dev.jrdkafka.ConsumerGroupMetadata g = consumer.groupMetadata();
            return new ConsumerGroupMetadata(g.groupId(), g.generationId(), g.memberId(), Optional.ofNullable(g.groupInstanceId()));
        });
    }

    @Override
    public void enforceRebalance() {
        throw new UnsupportedOperationException("enforceRebalance: librdkafka 2.15.0 has no call that makes a member rejoin"
                + " its group");
    }

    @Override
    public void enforceRebalance(String reason) {
        enforceRebalance();
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return metrics.metrics();
    }

    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {}

    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {}

    @Override
    public Uuid clientInstanceId(Duration timeout) {
        throw new UnsupportedOperationException("clientInstanceId: librdkafka 2.15.0 has no public call returning the"
                + " KIP-714 client instance id");
    }

    // ---- close -----------------------------------------------------------------------

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    @Override
    public void close(CloseOptions option) {
        close(option.timeout().orElse(Duration.ofSeconds(30)));
    }

    @Override
    public void close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) throw new IllegalArgumentException("The timeout cannot be negative.");
        acquire();
        try {
            if (closed) return;
            closed = true;
            try {
                storePositions();
            } catch (RuntimeException e) {
                LOG.warn("storing the last positions at close failed: {}", e.toString());
            }
            if (offsetsAdmin != null) offsetsAdmin.close();
            consumer.close(timeout);
        } catch (dev.jrdkafka.KafkaException e) {
            throw ErrorMapping.toKafkaClients(e, Side.CONSUMER);
        } finally {
            JrdkafkaProducer.closeQuietly(interceptors);
            JrdkafkaProducer.closeQuietly(List.of(keyDeserializer, valueDeserializer));
            release();
        }
    }

    /** The jrdkafka consumer underneath. */
    public dev.jrdkafka.consumer.Consumer unwrap() {
        return consumer;
    }
}
