package dev.jrdkafka.producer;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.internal.LibrdkafkaLog;
import dev.jrdkafka.internal.rd.ClientGuard;
import dev.jrdkafka.internal.rd.DeliveryReportView;
import dev.jrdkafka.internal.rd.EventSink;
import dev.jrdkafka.internal.rd.RdClient;
import dev.jrdkafka.internal.rd.RdErrors;
import dev.jrdkafka.internal.rd.RdPartitioner;
import dev.jrdkafka.internal.rd.RdProducer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a {@link Producer} owns, kept apart from the public object so that the poller
 * thread and the leak Cleaner never hold the {@code Producer} itself reachable.
 *
 * <p>Delivery reports carry a 64-bit opaque: records with a callback get a negative id
 * (bit 63 set) mapped to their callback; records produced with a user opaque (>= 0) go to
 * the {@link DeliveryListener}.
 */
final class ProducerCore implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(Producer.class);
    private static final int QUEUE_FULL = KafkaError._QUEUE_FULL.code();
    private static final int FATAL = KafkaError._FATAL.code();
    private static final int STATE = KafkaError._STATE.code();
    private static final ThreadLocal<ProducerCore> DISPATCHING = new ThreadLocal<>();

    final ClientGuard guard = new ClientGuard("Producer");
    final RdClient client;
    final RdProducer rd;
    final ProducerOptions options;
    private final Map<Long, DeliveryCallback> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ReportAdapter adapter = new ReportAdapter();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread poller;
    private volatile boolean stopPoller;
    private volatile KafkaException fatal;

    ProducerCore(Map<String, String> config, ProducerOptions options) {
        this.options = options;
        Partitioner partitioner = options.partitioner();
        this.client = RdClient.create(RdClient.PRODUCER, config, options.oauthBearerTokenRefresh(),
                (conf, arena) -> {
                    if (partitioner != null) RdPartitioner.install(conf, arena, partitioner::partition);
                    dev.jrdkafka.internal.rd.RdThrottle.install(conf,
                            (broker, id, ms) -> options.listener().onThrottle(broker, id, Duration.ofMillis(ms)), this, arena);
                });
        this.rd = new RdProducer(client, partitioner != null);
        if (options.pollerThread()) {
            poller = Thread.ofPlatform().daemon().name("jrdkafka-poller-" + client.name()).unstarted(this::pollLoop);
            poller.start();
        } else {
            poller = null;
        }
    }

    // ---- producing ---------------------------------------------------------------

    void produce(String topic, int partition, byte[] key, byte[] value, long opaque) {
        guard.enter();
        try {
            int rc = rd.produce(topic, partition, key, value, opaque);
            if (rc != 0) throwOrRetry(rc, () -> rd.produce(topic, partition, key, value, opaque), topic);
        } finally {
            guard.exit();
        }
    }

    void produce(String topic, int partition, java.lang.foreign.MemorySegment key,
                 java.lang.foreign.MemorySegment value, long opaque, boolean borrowed) {
        guard.enter();
        try {
            int rc = rd.produce(topic, partition, key, value, opaque, borrowed);
            if (rc != 0) throwOrRetry(rc, () -> rd.produce(topic, partition, key, value, opaque, borrowed), topic);
        } finally {
            guard.exit();
        }
    }

    void produce(String topic, int partition, java.nio.ByteBuffer key, java.nio.ByteBuffer value, long opaque) {
        guard.enter();
        try {
            int rc = rd.produce(topic, partition, key, value, opaque);
            if (rc != 0) throwOrRetry(rc, () -> rd.produce(topic, partition, key, value, opaque), topic);
        } finally {
            guard.exit();
        }
    }

    void send(ProducerRecord r, DeliveryCallback callback) {
        String[] names = null;
        byte[][] values = null;
        if (!r.headers().isEmpty()) {
            names = new String[r.headers().size()];
            values = new byte[r.headers().size()][];
            for (int i = 0; i < names.length; i++) {
                names[i] = r.headers().get(i).key();
                values[i] = r.headers().get(i).value();
            }
        }
        long id = ids.incrementAndGet() | Long.MIN_VALUE;
        String[] hn = names;
        byte[][] hv = values;
        guard.enter();
        try {
            pending.put(id, callback);
            int rc = rd.produceva(r.topic(), r.partition(), r.key(), r.value(), r.timestamp(), hn, hv, id);
            if (rc != 0) {
                try {
                    throwOrRetry(rc, () -> rd.produceva(r.topic(), r.partition(), r.key(), r.value(), r.timestamp(),
                            hn, hv, id), r.topic());
                } catch (RuntimeException e) {
                    pending.remove(id);
                    throw e;
                }
            }
        } finally {
            guard.exit();
        }
    }

    /** A full queue waits for room up to the configured timeout; anything else throws. */
    private void throwOrRetry(int rc, IntSupplier again, String topic) {
        if (rc == QUEUE_FULL && !options.queueFullTimeout().isZero()) {
            long deadline = System.nanoTime() + options.queueFullTimeout().toNanos();
            while (rc == QUEUE_FULL && System.nanoTime() - deadline < 0) {
                if (poller != null) LockSupport.parkNanos(200_000);
                else pollServing(1);
                rc = again.getAsInt();
            }
            if (rc == 0) return;
        }
        throw produceError(rc, topic);
    }

    private KafkaException produceError(int rc, String topic) {
        if (rc == FATAL) return fatalError();
        if (rc == STATE) {
            KafkaException txn = transactionStateError(topic);
            if (txn != null) return txn;
        }
        String hint = rc == QUEUE_FULL ? " (the local queue is full: poll()/serve delivery reports, or raise "
                + "queue.buffering.max.messages / queue.buffering.max.kbytes)" : "";
        return RdErrors.fromCode(rc, "produce to " + topic + hint);
    }

    /**
     * A transactional producer refuses records (_STATE) outside an open transaction; asks
     * librdkafka which state it is in (error path only) and says what to do. In
     * AbortableError the transaction failed (librdkafka purged its records): the exception
     * has {@link KafkaException#transactionRequiresAbort()}. Null if the state is not the
     * reason.
     */
    private KafkaException transactionStateError(String topic) {
        String state = rd.transactionStateRefusingProduce();
        if (state == null) return null;
        String what = switch (state) {
            case "AbortableError" -> "the current transaction failed (librdkafka logged why: TXNERR); abort the "
                    + "transaction with abortTransaction(), then begin a new one";
            case "Ready" -> "no transaction is open: call beginTransaction() first";
            case "Init", "WaitPID", "ReadyNotAcked" ->
                    "the transactional producer is not initialized: call initTransactions() (again, if it timed out)";
            case "CommitNotAcked" -> "the transaction was committed but commitTransaction() did not return it: call it again";
            case "AbortedNotAcked" -> "the transaction was aborted but abortTransaction() did not return it: call it again";
            case "BeginCommit", "CommittingTransaction" -> "the transaction is being committed";
            case "BeginAbort", "AbortingTransaction" -> "the transaction is being aborted";
            case "FatalError" -> null;
            default -> "the transaction does not accept records now";
        };
        if (what == null) return fatalError();
        return new KafkaException(STATE, "produce to " + topic + " failed: " + what + " (transactional state " + state
                + ", _STATE)", false, false, "AbortableError".equals(state));
    }

    // ---- serving events --------------------------------------------------------------

    int poll(Duration timeout) {
        if (poller != null) {
            throw new IllegalStateException("this Producer serves its events on its own poller thread; poll() "
                    + "is for producers created with ProducerOptions.withPollerThread(false)");
        }
        guard.enter();
        try {
            return pollServing((int) Math.min(Integer.MAX_VALUE, Math.max(0, timeout.toMillis())));
        } finally {
            guard.exit();
        }
    }

    private int pollServing(int timeoutMs) {
        ProducerCore outer = DISPATCHING.get();
        DISPATCHING.set(this);
        try {
            return client.poll(timeoutMs, this);
        } finally {
            DISPATCHING.set(outer); // set, not remove: keeps the thread's entry, so polling allocates nothing
        }
    }

    private void pollLoop() {
        while (!stopPoller) {
            try {
                pollServing(100);
            } catch (Throwable t) {
                LOG.error("poller thread of {} failed to serve events", client.name(), t);
            }
        }
    }

    @Override
    public void onDelivery(DeliveryReportView view) {
        long opaque = view.opaque();
        if (opaque < 0) {
            DeliveryCallback callback = pending.remove(opaque);
            if (callback == null) return;
            if (view.errorCode() == 0) {
                callback.onCompletion(new RecordMetadata(view.topic(), view.partition(), view.offset(), view.timestamp()), null);
            } else {
                callback.onCompletion(null, deliveryError(view));
            }
            return;
        }
        DeliveryListener listener = options.deliveryListener();
        if (listener != null) {
            adapter.view = view;
            try {
                listener.onDelivery(adapter);
            } finally {
                adapter.view = null; // the message is freed with its event: a kept view must not read it
            }
        } else if (view.errorCode() != 0) {
            LOG.warn("delivery failed for a record to {} [{}]: {}", view.topic(), view.partition(), view.errorText());
        }
    }

    private KafkaException deliveryError(DeliveryReportView view) {
        int code = view.errorCode();
        if (code == FATAL) return fatalError();
        // After a fatal error (e.g. an idempotence sequence gap) records fail with the
        // underlying broker code; they are marked fatal so callers know the producer is done.
        boolean producerFailed = fatal != null || client.fatalError(new int[1]) != null;
        return new KafkaException(code, "delivery to " + view.topic() + " [" + view.partition() + "] failed: "
                + view.errorText() + (producerFailed ? "; the producer has a fatal error and must be closed" : ""),
                producerFailed, false, false);
    }

    /** The producer's fatal error ({@code rd_kafka_fatal_error}), as an exception with isFatal(). */
    KafkaException fatalError() {
        KafkaException f = fatal;
        if (f != null) return f;
        int[] code = {FATAL};
        String text = client.fatalError(code);
        return new KafkaException(code[0], "fatal error: " + (text != null ? text : "unknown") + " ("
                + KafkaError.fromCode(code[0]) + "); the producer can no longer be used", true, false, false);
    }

    /** The fatal error, if librdkafka has raised one. */
    java.util.Optional<KafkaException> currentFatalError() {
        if (fatal != null) return java.util.Optional.of(fatal);
        return client.fatalError(new int[1]) != null ? java.util.Optional.of(fatalError()) : java.util.Optional.empty();
    }

    @Override
    public void onError(int code, String reason, boolean isFatal) {
        KafkaException error;
        if (isFatal) {
            int[] underlying = {code};
            String text = client.fatalError(underlying);
            error = new KafkaException(underlying[0], "fatal error: " + (text != null ? text : reason)
                    + " (" + KafkaError.fromCode(underlying[0]) + "); the producer can no longer be used", true, false, false);
            fatal = error;
        } else {
            error = new KafkaException(code, reason + " (" + KafkaError.fromCode(code) + ")", false, false, false);
        }
        options.listener().onError(error);
    }

    @Override
    public void onLog(int level, String facility, String message) {
        LibrdkafkaLog.log(client.name(), level, facility, message);
    }

    @Override
    public void onStats(String json) {
        options.listener().onStats(json);
    }

    @Override
    public void onOAuthBearerTokenRefresh(String config) {
        options.listener().onOAuthBearerTokenRefresh(config);
    }

    @Override
    public void onCallbackFailure(String callback, Throwable failure) {
        LOG.error("{} of {} threw; the exception was caught and librdkafka carries on", callback, client.name(), failure);
    }

    // ---- flush, close --------------------------------------------------------------

    /** Waits until every record is delivered or failed and its callback has run. */
    void flush(Duration timeout) {
        guard.enter();
        try {
            if (!drain(System.nanoTime() + timeout.toNanos())) {
                throw new KafkaException(KafkaError._TIMED_OUT.code(), "flush timed out after " + timeout + " with "
                        + client.outqLen() + " messages or requests outstanding", false, true, false);
            }
        } finally {
            guard.exit();
        }
    }

    private boolean drain(long deadline) {
        while (client.outqLen() > 0) {
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remainingMs <= 0) return false;
            if (poller != null && !stopPoller) rd.flush((int) Math.min(remainingMs, 100));
            else pollServing((int) Math.min(remainingMs, 100));
        }
        if (poller != null && !stopPoller) client.awaitPollIdle();
        return true;
    }

    boolean isClosed() {
        return guard.isClosing();
    }

    /**
     * Flushes for up to {@code timeout}, then purges what is left (its callbacks fail with
     * _PURGE_QUEUE / _PURGE_INFLIGHT), stops the poller, waits for calls in flight on other
     * threads, and destroys the client. Idempotent; a second caller waits for the first.
     */
    void close(Duration timeout) {
        if (DISPATCHING.get() == this) {
            throw new IllegalStateException("close() was called from inside a callback of this Producer; "
                    + "librdkafka cannot destroy a client from its own callbacks. Close it from another thread.");
        }
        if (!guard.beginClose()) {
            awaitClosed();
            return;
        }
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean drained = drain(deadline);
            stopPoller = true;
            if (poller != null) {
                client.wakeup();
                joinPoller();
            }
            if (!drained) {
                LOG.warn("{}: close timed out after {} with {} messages outstanding; purging them", client.name(),
                        timeout, client.outqLen());
                rd.purge(true, true);
                long purgeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (client.outqLen() > 0 && System.nanoTime() - purgeDeadline < 0) pollServing(10);
                pollServing(0);
            }
            guard.awaitQuiescence(client::wakeup);
            client.destroy(rd::destroyTopics);
            failPending();
        } finally {
            guard.endClose();
            closed.countDown();
        }
    }

    private void joinPoller() {
        try {
            if (!poller.join(Duration.ofSeconds(30))) {
                LOG.error("{}: poller thread did not stop within 30 s", client.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void failPending() {
        for (Map.Entry<Long, DeliveryCallback> e : pending.entrySet()) {
            if (pending.remove(e.getKey()) != null) {
                try {
                    e.getValue().onCompletion(null, new KafkaException(KafkaError._DESTROY.code(),
                            "the producer was closed before this record's delivery report", false, false, false));
                } catch (Throwable t) {
                    onCallbackFailure("delivery callback", t);
                }
            }
        }
    }

    private void awaitClosed() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The public view of a report: delegates to the native view while the listener runs,
     * and refuses afterwards (the message memory is gone by then).
     */
    private static final class ReportAdapter implements DeliveryReport {
        DeliveryReportView view;

        private DeliveryReportView live() {
            DeliveryReportView v = view;
            if (v == null) {
                throw new IllegalStateException("a DeliveryReport is only valid during DeliveryListener.onDelivery; "
                        + "copy what you keep (toMetadata(), errorCode(), opaque()) inside the call");
            }
            return v;
        }

        @Override public int errorCode() { return live().errorCode(); }
        @Override public String topic() { return live().topic(); }
        @Override public int partition() { return live().partition(); }
        @Override public long offset() { return live().offset(); }
        @Override public long opaque() { return live().opaque(); }
        @Override public long timestamp() { return live().timestamp(); }
        @Override public long keyLength() { return live().keyLength(); }
        @Override public long valueLength() { return live().valueLength(); }
    }
}
