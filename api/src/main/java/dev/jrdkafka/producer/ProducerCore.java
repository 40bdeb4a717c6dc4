package dev.jrdkafka.producer;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.internal.client.CallbackScope;
import dev.jrdkafka.internal.client.ClientCore;
import dev.jrdkafka.internal.client.Pending;
import dev.jrdkafka.internal.client.Timeouts;
import dev.jrdkafka.internal.rd.RdErrors;
import dev.jrdkafka.internal.rd.client.DeliveryReportView;
import dev.jrdkafka.internal.rd.client.RdClient;
import dev.jrdkafka.internal.rd.produce.RdPartitioner;
import dev.jrdkafka.internal.rd.produce.RdProducer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import org.slf4j.Logger;

/**
 * The producer's own part, over the {@link ClientCore} every client kind shares; kept apart
 * from the public object so that the poller thread and the leak Cleaner never hold the
 * {@code Producer} itself reachable.
 *
 * <p>Delivery reports carry a 64-bit opaque: records with a callback get a negative id
 * (bit 63 set) mapped to their callback; records produced with a user opaque (>= 0) go to
 * the {@link DeliveryListener}.
 */
final class ProducerCore {
    private static final int QUEUE_FULL = KafkaError._QUEUE_FULL.code();
    private static final int FATAL = KafkaError._FATAL.code();
    private static final int STATE = KafkaError._STATE.code();
    /** flush: no delivery for this long after an authentication failure, and it fails with it. */
    private static final long STALLED_NANOS = TimeUnit.SECONDS.toNanos(1);

    final ClientCore client;
    final RdProducer rd;
    final ProducerOptions options;
    private final Logger log;
    private final Pending<DeliveryCallback> pending = new Pending<>(Long.MIN_VALUE);
    private final ReportAdapter adapter = new ReportAdapter();
    private final Thread poller;
    private volatile boolean stopPoller;

    ProducerCore(Map<String, String> config, dev.jrdkafka.security.SecuritySettings security, ProducerOptions options) {
        this.options = options;
        Partitioner partitioner = options.partitioner();
        this.client = new ClientCore(new ClientCore.Spec(Producer.class, RdClient.PRODUCER, config, options.listener(),
                options.oauthBearerTokenRefresh(), this::onDelivery,
                setup -> {
                    if (partitioner != null) RdPartitioner.install(setup, this::partition);
                }, security));
        this.log = client.log();
        this.rd = new RdProducer(client.rd(), partitioner != null);
        if (options.pollerThread()) {
            poller = Thread.ofPlatform().daemon().name("jrdkafka-poller-" + client.name()).unstarted(this::pollLoop);
            poller.start();
        } else {
            poller = null;
        }
    }

    // ---- producing ---------------------------------------------------------------

    /**
     * The Java partitioner, marked as inside this producer's callbacks: a close() from it is
     * refused (on librdkafka's thread it aborted the process, on the producing thread it
     * deadlocked).
     */
    private int partition(String topic, java.nio.ByteBuffer key, int partitionCount) {
        CallbackScope.enter(client);
        try {
            return options.partitioner().partition(topic, key, partitionCount);
        } finally {
            CallbackScope.exit();
        }
    }

    void produce(String topic, int partition, byte[] key, byte[] value, long opaque) {
        enterProduce();
        try {
            int rc = rd.produce(topic, partition, key, value, opaque);
            if (rc != 0) throwOrRetry(rc, () -> rd.produce(topic, partition, key, value, opaque), topic);
        } finally {
            client.guard().exit();
        }
    }

    void produce(String topic, int partition, java.lang.foreign.MemorySegment key,
                 java.lang.foreign.MemorySegment value, long opaque, boolean borrowed) {
        enterProduce();
        try {
            int rc = rd.produce(topic, partition, key, value, opaque, borrowed);
            if (rc != 0) throwOrRetry(rc, () -> rd.produce(topic, partition, key, value, opaque, borrowed), topic);
        } finally {
            client.guard().exit();
        }
    }

    void produce(String topic, int partition, java.lang.foreign.MemorySegment data, long keyOffset, long keyLength,
                 long valueOffset, long valueLength, long opaque) {
        enterProduce();
        try {
            int rc = rd.produce(topic, partition, data, keyOffset, keyLength, valueOffset, valueLength, opaque);
            if (rc != 0) {
                throwOrRetry(rc, () -> rd.produce(topic, partition, data, keyOffset, keyLength, valueOffset, valueLength,
                        opaque), topic);
            }
        } finally {
            client.guard().exit();
        }
    }

    void produce(String topic, int partition, java.nio.ByteBuffer key, java.nio.ByteBuffer value, long opaque) {
        enterProduce();
        try {
            int rc = rd.produce(topic, partition, key, value, opaque);
            if (rc != 0) throwOrRetry(rc, () -> rd.produce(topic, partition, key, value, opaque), topic);
        } finally {
            client.guard().exit();
        }
    }

    void send(ProducerRecord r, DeliveryCallback callback) {
        enterProduce();
        long id = pending.add(callback);
        boolean queued = false;
        try {
            IntSupplier produce = () -> rd.produceva(r.topic(), r.partition(), r.key(), r.value(), r.timestamp(),
                    r.headers(), id);
            int rc = produce.getAsInt();
            if (rc != 0) throwOrRetry(rc, produce, r.topic());
            queued = true;
        } finally {
            if (!queued) pending.take(id);
            client.guard().exit();
        }
    }

    /**
     * Admits a produce call. Once close has begun no record is accepted, not even from this
     * producer's own callbacks on the closing thread: a delivery callback that re-sends what
     * failed would otherwise keep close busy for ever.
     */
    private void enterProduce() {
        client.guard().enter();
        if (client.isClosed()) {
            client.guard().exit();
            throw new IllegalStateException("this Producer is closing; records are no longer accepted (not even from "
                    + "its delivery callbacks)");
        }
    }

    /** A full queue waits for room up to the configured timeout; anything else throws. */
    private void throwOrRetry(int rc, IntSupplier again, String topic) {
        // Inside this producer's own callbacks the room being waited for is held by the
        // callback's event: waiting would never end, so a full queue is refused at once.
        if (rc == QUEUE_FULL && !options.queueFullTimeout().isZero() && !client.isServingOnThisThread()) {
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
        if (rc == FATAL) return client.fatalError();
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
        if (what == null) return client.fatalError();
        String message = "produce to " + topic + " failed: " + what + " (transactional state " + state + ", _STATE)";
        return "AbortableError".equals(state)
                ? KafkaException.of(STATE, message, KafkaException.Flag.TRANSACTION_REQUIRES_ABORT)
                : new KafkaException(STATE, message);
    }

    // ---- serving events --------------------------------------------------------------

    int poll(Duration timeout) {
        int ms = Timeouts.millis(timeout, "timeout");
        if (poller != null) {
            throw new IllegalStateException("this Producer serves its events on its own poller thread; poll() "
                    + "is for producers created with ProducerOptions.withPollerThread(false)");
        }
        client.guard().enter();
        try {
            return pollServing(ms);
        } finally {
            client.guard().exit();
        }
    }

    private int pollServing(int timeoutMs) {
        return client.poll(timeoutMs);
    }

    private void pollLoop() {
        while (!stopPoller) {
            try {
                pollServing(100);
            } catch (Throwable t) {
                client.onCallbackFailure("serving events on the poller thread", t); // never ends the poller
            }
        }
    }

    private void onDelivery(DeliveryReportView view) {
        long opaque = view.opaque();
        if (opaque < 0) {
            DeliveryCallback callback = pending.take(opaque);
            if (callback == null) return;
            if (view.errorCode() == 0) {
                long latency = view.latencyMicros();
                callback.onCompletion(new RecordMetadata(view.topic(), view.partition(), view.offset(), view.timestamp(),
                        PersistenceStatus.fromCode(view.persistenceStatus()), latency), null);
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
            log.warn("delivery failed for a record to {} [{}]: {}", view.topic(), view.partition(), view.errorText());
        }
    }

    /**
     * The failure of one record, with its persistence status and latency. After a fatal
     * error (e.g. an idempotence sequence gap) records fail with _FATAL or the underlying
     * broker code; they are marked fatal so callers know the producer is done.
     */
    private DeliveryFailedException deliveryError(DeliveryReportView view) {
        long latency = view.latencyMicros();
        PersistenceStatus status = PersistenceStatus.fromCode(view.persistenceStatus());
        int code = view.errorCode();
        String where = view.topic() + " [" + view.partition() + "]";
        if (code == FATAL) {
            KafkaException fatal = client.fatalError();
            return new DeliveryFailedException(fatal.code(), "delivery to " + where + " failed: " + fatal.getMessage()
                    + " (" + status + ")", fatal.flags(), view.topic(), view.partition(), status, latency);
        }
        String message = "delivery to " + where + " failed: " + view.errorText() + " (" + status + ")";
        return client.hasFatalError()
                ? new DeliveryFailedException(code, message + "; the producer has a fatal error and must be closed",
                        java.util.Set.of(KafkaException.Flag.FATAL), view.topic(), view.partition(), status, latency)
                : new DeliveryFailedException(code, message, java.util.Set.of(), view.topic(), view.partition(), status, latency);
    }

    // ---- flush, close --------------------------------------------------------------

    /** Waits until every record is delivered or failed and its callback has run. */
    void flush(Duration timeout) {
        long deadline = Timeouts.deadline(timeout, "timeout");
        client.guard().enter();
        try {
            if (!drain(deadline, true)) {
                throw KafkaException.retriable(KafkaError._TIMED_OUT.code(), "flush timed out after " + timeout + " with "
                        + client.rd().outqLen() + " messages or requests outstanding");
            }
        } finally {
            client.guard().exit();
        }
    }

    /**
     * Waits until nothing is outstanding or {@code deadline}. {@code failOnAuthentication}
     * (flush, not close): throws a recent authentication failure instead of waiting on —
     * the records stay queued, and go out if new credentials ({@code setSaslCredentials})
     * get the client in before {@code message.timeout.ms}.
     */
    private boolean drain(long deadline, boolean failOnAuthentication) {
        long progressAt = System.nanoTime();
        int outstanding = client.rd().outqLen();
        while (outstanding > 0) {
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remainingMs <= 0) return false;
            if (poller != null && !stopPoller) rd.flush((int) Math.min(remainingMs, 100));
            else pollServing((int) Math.min(remainingMs, 100));
            int now = client.rd().outqLen();
            if (now < outstanding) progressAt = System.nanoTime();
            outstanding = now;
            // Only a failure that stops progress counts: a connection whose re-authentication
            // failed is re-established within librdkafka's reconnect backoff and goes on.
            if (failOnAuthentication && outstanding > 0 && System.nanoTime() - progressAt > STALLED_NANOS) {
                var auth = client.recentAuthenticationFailure(java.time.Duration.ofSeconds(30));
                if (auth.isPresent()) {
                    throw new KafkaException(auth.get().code(), "flush cannot complete: " + auth.get().getMessage() + "; "
                            + client.rd().outqLen() + " messages or requests stay queued until message.timeout.ms");
                }
            }
        }
        if (poller != null && !stopPoller) client.rd().awaitPollIdle();
        return true;
    }

    boolean isClosed() {
        return client.isClosed();
    }

    /**
     * Flushes for up to {@code timeout}, then purges what is left (its callbacks fail with
     * _PURGE_QUEUE / _PURGE_INFLIGHT), stops the poller, waits for calls in flight on other
     * threads, and destroys the client. Idempotent; a second caller waits for the first.
     */
    void close(Duration timeout) {
        client.close(timeout, deadline -> {
            client.rd().wakeup(); // a poll(timeout) in progress on another thread returns, so draining can serve the queue
            boolean drained = drain(deadline, false);
            stopPoller = true;
            if (poller != null) {
                client.rd().wakeup();
                joinPoller();
            }
            if (!drained) {
                client.warn("{}: close timed out after {} with {} messages outstanding; purging them", client.name(),
                        timeout, client.rd().outqLen());
                rd.purge(true, true);
                long purgeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (client.rd().outqLen() > 0 && System.nanoTime() - purgeDeadline < 0) pollServing(10);
                pollServing(0);
            }
            client.guard().awaitQuiescence(client.rd()::wakeup);
            client.destroy(rd::destroyTopics);
            pending.failAll(callback -> client.callback("delivery callback", () -> callback.onCompletion(null,
                    new DeliveryFailedException(KafkaError._DESTROY.code(), "the producer was closed before this record's "
                            + "delivery report (POSSIBLY_PERSISTED)", java.util.Set.of(), null, -1,
                            PersistenceStatus.POSSIBLY_PERSISTED, -1))));
        });
    }

    /**
     * Waits for the poller to stop, even if this thread is interrupted: destroying the client
     * while the poller still serves it would free memory the poller reads. The interrupt
     * status is kept.
     */
    private void joinPoller() {
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (poller.isAlive() && System.nanoTime() - deadline < 0) {
            try {
                poller.join(Duration.ofMillis(100));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (poller.isAlive()) client.warn("{}: poller thread did not stop within 30 s", client.name());
        if (interrupted) Thread.currentThread().interrupt();
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
        @Override public PersistenceStatus persistenceStatus() { return PersistenceStatus.fromCode(live().persistenceStatus()); }
        @Override public long latencyMicros() { return live().latencyMicros(); }
        @Override public long keyLength() { return live().keyLength(); }
        @Override public long valueLength() { return live().valueLength(); }
    }
}
