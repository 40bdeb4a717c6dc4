package dev.jrdkafka.consumer.share;

import dev.jrdkafka.ClientListener;
import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.consumer.RecordView;
import dev.jrdkafka.consumer.bridge.RecordBatches;
import dev.jrdkafka.internal.client.CallbackScope;
import dev.jrdkafka.internal.client.ClientGuard;
import dev.jrdkafka.internal.client.Leaks;
import dev.jrdkafka.internal.client.LibrdkafkaLog;
import dev.jrdkafka.internal.client.LiveClients;
import dev.jrdkafka.internal.client.OwnerThread;
import dev.jrdkafka.internal.rd.consume.MessageBatch;
import dev.jrdkafka.internal.rd.client.DeliveryReportView;
import dev.jrdkafka.internal.rd.share.RdShareConsumer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The share consumer's machinery, composed of the client core's pieces: the close guard
 * ({@link ClientGuard}), the single-owner rule ({@link OwnerThread}), the re-entrancy marker
 * ({@link CallbackScope}), the leak report ({@link Leaks}) and librdkafka's logs to SLF4J.
 * Unlike the other kinds there is no poller thread: librdkafka serves a share consumer's
 * callbacks only inside the owner's own calls, whose upcalls queue what happened here; the
 * owner dispatches it to the listeners once the native call has returned. References the
 * facade not at all, so the Cleaner sees an unclosed {@link ShareConsumer} become unreachable.
 */
final class ShareConsumerCore implements RdShareConsumer.Sink, Leaks.Client {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    final AcknowledgementMode mode;
    private final String name;
    private final Logger log = LoggerFactory.getLogger(ShareConsumer.class);
    private final ClientGuard guard = new ClientGuard("ShareConsumer");
    private final OwnerThread owner = new OwnerThread("ShareConsumer");
    private final ClientListener listener;
    private final AcknowledgementCommitListener ackListener;
    private final RdShareConsumer rd;
    /** What the upcalls saw, for the owner to hand to the listeners after the native call. */
    private final Queue<Runnable> events = new ConcurrentLinkedQueue<>();
    /** Batches not yet closed: they hold librdkafka's messages, which must go before the handle. */
    private final Map<RecordBatch, ShareRecordBatch> openBatches = new ConcurrentHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    /** Explicit mode: the last poll's batch, whose records must all be acknowledged before the next poll. */
    private ShareRecordBatch last;
    private volatile boolean leaked;

    ShareConsumerCore(Map<String, String> config, ShareConsumerOptions options) {
        String group = config.get("group.id");
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("a share consumer needs group.id (the share group to join)");
        }
        this.mode = AcknowledgementMode.fromConfig(config.get("share.acknowledgement.mode"));
        this.name = config.getOrDefault("client.id", "rdkafka") + "#share-consumer-" + COUNTER.incrementAndGet() + "[" + group + "]";
        this.listener = options.listener();
        this.ackListener = options.acknowledgementCommitListener();
        this.rd = RdShareConsumer.create(config, this);
        LiveClients.add(name);
    }

    // ---- calls ----------------------------------------------------------------------------

    /** Runs {@code call} as the owner thread, then hands out what its upcalls queued. */
    <T> T owned(Supplier<T> call) {
        guard.enter();
        try {
            owner.acquire();
            try {
                try {
                    return call.get();
                } finally {
                    dispatchEvents();
                }
            } finally {
                owner.release();
            }
        } finally {
            guard.exit();
        }
    }

    void owned(Runnable call) {
        owned(() -> {
            call.run();
            return null;
        });
    }

    ShareRecordBatch poll(int timeoutMs) {
        return owned(() -> {
            if (last != null && last.unacknowledged() > 0) {
                throw new IllegalStateException("share.acknowledgement.mode=explicit: " + last.unacknowledged()
                        + " record(s) of the previous poll are not acknowledged; acknowledge every record "
                        + "(ACCEPT, RELEASE or REJECT) before polling again");
            }
            MessageBatch messages = rd.poll(timeoutMs);
            try {
                messages.removeFailed(f -> {
                    KafkaException e = new KafkaException(f.error(), "record " + f.topic() + "-" + f.partition() + "@"
                            + f.offset() + " was delivered with an error, and librdkafka acknowledged it itself: "
                            + f.errorText() + " (" + KafkaError.fromCode(f.error()) + ")");
                    events.add(() -> listener.onError(e));
                });
            } catch (RuntimeException | Error e) {
                messages.release();
                throw e;
            }
            RecordBatch records = RecordBatches.access().open(messages, openBatches::remove);
            ShareRecordBatch batch = new ShareRecordBatch(records, mode == AcknowledgementMode.EXPLICIT);
            openBatches.put(records, batch);
            if (mode == AcknowledgementMode.EXPLICIT && batch.size() > 0) last = batch;
            return batch;
        });
    }

    void acknowledge(RecordView record, AcknowledgeType type) {
        owned(() -> {
            requireExplicit();
            RecordBatches.Access access = RecordBatches.access();
            RecordBatch records = access.batchOf(record);
            ShareRecordBatch batch = openBatches.get(records);
            if (batch == null) {
                throw new IllegalStateException(records.isClosed()
                        ? "the record's batch is closed; acknowledge it by offset: acknowledge(topic, partition, offset, type)"
                        : "the record was not polled by this ShareConsumer");
            }
            int i = access.indexOf(record);
            rd.acknowledge(access.messages(records), i, type.code());
            batch.markAcknowledged(i);
        });
    }

    void acknowledge(String topic, int partition, long offset, AcknowledgeType type) {
        owned(() -> {
            requireExplicit();
            rd.acknowledge(topic, partition, offset, type.code());
            if (last != null) last.markAcknowledged(topic, partition, offset);
        });
    }

    private void requireExplicit() {
        if (mode != AcknowledgementMode.EXPLICIT) {
            throw new IllegalStateException("acknowledge() needs share.acknowledgement.mode=explicit; in implicit mode "
                    + "(this consumer's) every record of a poll is ACCEPTed by the next poll or commit");
        }
    }

    Map<TopicPartition, AcknowledgeOutcome> commitSync(int timeoutMs) {
        return owned(() -> {
            Map<TopicPartition, AcknowledgeOutcome> out = new LinkedHashMap<>();
            for (RdShareConsumer.PartitionResult r : rd.commitSync(timeoutMs)) {
                out.put(r.partition(), new AcknowledgeOutcome(r.partition(), KafkaError.fromCode(r.error())));
            }
            return out;
        });
    }

    void commitAsync() {
        owned(rd::commitAsync);
    }

    void subscribe(List<String> topics) {
        owned(() -> rd.subscribe(topics));
    }

    void unsubscribe() {
        owned(rd::unsubscribe);
    }

    List<String> subscription() {
        return owned(rd::subscription);
    }

    /** Hands queued callback facts to the listeners, on the owner thread, marked as inside this consumer's callbacks. */
    private void dispatchEvents() {
        CallbackScope.enter(this);
        try {
            Runnable r;
            while ((r = events.poll()) != null) {
                if (leaked) continue;
                try {
                    r.run();
                } catch (Throwable t) {
                    onCallbackFailure("listener", t);
                }
            }
        } finally {
            CallbackScope.exit();
        }
    }

    // ---- close ----------------------------------------------------------------------------

    boolean isClosedNow() {
        return guard.isClosing();
    }

    void close() {
        if (CallbackScope.isInside(this)) {
            throw new IllegalStateException("close() was called from inside a listener of this ShareConsumer; "
                    + "close it after the call that runs the listener returns");
        }
        if (!guard.beginClose()) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            // No wakeup exists: a call in progress on the owner thread ends at its own timeout.
            guard.awaitQuiescence(() -> { });
            closeOpenBatches();
            KafkaException failed = rd.close(); // bounded by librdkafka to about socket.timeout.ms
            dispatchEvents();
            if (failed != null) warn("{}: close: {}", name, failed.getMessage());
            if (!openBatches.isEmpty()) {
                warn("{}: {} ShareRecordBatch(es) are still open on another thread; the share consumer is left "
                        + "undestroyed (close batches before closing the consumer)", name, openBatches.size());
            } else {
                rd.destroy(failed != null);
                LiveClients.remove(name);
            }
        } finally {
            guard.endClose();
            closed.countDown();
        }
    }

    /** Closes the batches this thread polled (a batch is confined to its thread; others' are left). */
    private void closeOpenBatches() {
        for (ShareRecordBatch b : List.copyOf(openBatches.values())) {
            try {
                b.close();
            } catch (WrongThreadException other) {
                // polled on another thread: only that thread may release it
            }
        }
    }

    private void warn(String format, Object... args) {
        try {
            log.warn(format, args);
        } catch (Throwable loggerFailed) {
            System.err.println("jrdkafka: " + name + ": " + org.slf4j.helpers.MessageFormatter.arrayFormat(format, args).getMessage());
        }
    }

    // ---- Leaks.Client ---------------------------------------------------------------------

    @Override
    public String kind() {
        return "ShareConsumer";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Logger log() {
        return log;
    }

    @Override
    public boolean isClosed() {
        return guard.isClosing();
    }

    @Override
    public void markLeaked() {
        leaked = true;
    }

    // ---- RdShareConsumer.Sink (upcalls: record, never call user code) ---------------------

    @Override
    public void onAcknowledgementCommit(Map<TopicPartition, List<Long>> offsets, int error) {
        KafkaException e = error == 0 ? null : new KafkaException(error, "acknowledgements of " + offsets.keySet()
                + " failed: " + KafkaError.fromCode(error));
        events.add(() -> {
            if (ackListener != null) ackListener.onCommit(offsets, e);
            else if (e != null) log.warn("{}: {}", name, e.getMessage());
        });
    }

    @Override
    public void onError(int code, String reason, boolean fatal) {
        KafkaException e = fatal
                ? KafkaException.fatal(code, "fatal error: " + reason + "; the share consumer can no longer be used and must be closed")
                : new KafkaException(code, reason + " (" + KafkaError.fromCode(code) + ")");
        events.add(() -> listener.onError(e));
    }

    @Override
    public void onStats(String json) {
        events.add(() -> listener.onStats(json));
    }

    @Override
    public void onThrottle(String brokerName, int brokerId, int throttleTimeMs) {
        events.add(() -> listener.onThrottle(brokerName, brokerId, Duration.ofMillis(throttleTimeMs)));
    }

    @Override
    public void onLog(int level, String facility, String message) {
        LibrdkafkaLog.log(name, level, facility, message);
    }

    @Override
    public void onOAuthBearerTokenRefresh(String config) {
        // not installed for share consumers (librdkafka's own token handling applies)
    }

    @Override
    public void onDelivery(DeliveryReportView report) {
        // consumers get no delivery reports
    }

    @Override
    public void onCallbackFailure(String callback, Throwable failure) {
        try {
            log.error("{} of {} threw; the exception was caught and the share consumer carries on", callback, name, failure);
        } catch (Throwable loggerFailed) {
            System.err.println("jrdkafka: " + callback + " of " + name + " threw " + failure);
        }
    }

    /** For the leak report: closes without listeners. */
    void closeOnLeak() {
        close();
    }
}
