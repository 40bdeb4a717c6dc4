package dev.jrdkafka.internal.client;

import dev.jrdkafka.ClientListener;
import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.cluster.ClusterMetadata;
import dev.jrdkafka.cluster.PartitionInfo;
import dev.jrdkafka.cluster.TopicMetadata;
import dev.jrdkafka.internal.rd.admin.RdMetadata;
import dev.jrdkafka.internal.rd.client.ClientSetup;
import dev.jrdkafka.internal.rd.client.DeliveryReportView;
import dev.jrdkafka.internal.rd.client.EventSink;
import dev.jrdkafka.internal.rd.client.RdClient;
import dev.jrdkafka.internal.rd.client.RdSecurity;
import dev.jrdkafka.security.SecuritySettings;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery every client kind (producer, consumer, admin) composes: the librdkafka handle
 * and its main queue, the close guard and latch, the re-entrancy marker that refuses close
 * from the client's own callbacks, the leak report, default event handling (errors with
 * {@code rd_kafka_fatal_error}'s details, logs to SLF4J, statistics, throttling, OAUTHBEARER
 * refresh) and the token setters. The public client is a facade over a kind-specific core
 * that holds one of these; neither this nor the kind's core references the facade, so the
 * Cleaner can see an unclosed facade become unreachable.
 */
public final class ClientCore implements EventSink {
    /** Delivery reports, for producers. */
    public interface Deliveries {
        void onDelivery(DeliveryReportView report);
    }

    /** What a client kind asks for. */
    public record Spec(Class<?> facade, int type, Map<String, String> config, ClientListener listener,
                       boolean oauthBearerTokenRefresh, Deliveries deliveries, Consumer<ClientSetup> callbacks,
                       SecuritySettings security) {
        public Spec {
            Objects.requireNonNull(listener, "listener");
            if (security == null) security = SecuritySettings.none();
        }

        /** Without Java security objects. */
        public Spec(Class<?> facade, int type, Map<String, String> config, ClientListener listener,
                    boolean oauthBearerTokenRefresh, Deliveries deliveries, Consumer<ClientSetup> callbacks) {
            this(facade, type, config, listener, oauthBearerTokenRefresh, deliveries, callbacks, null);
        }
    }

    private static final int FATAL = KafkaError._FATAL.code();

    private final String kind;
    private final Logger log;
    private final ClientGuard guard;
    private final ClientListener listener;
    private final Deliveries deliveries;
    private final RdClient client;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile KafkaException fatal;
    private volatile boolean leaked;
    private final AuthFailures authFailures = new AuthFailures();

    public ClientCore(Spec spec) {
        this.kind = spec.facade().getSimpleName();
        this.log = LoggerFactory.getLogger(spec.facade());
        this.guard = new ClientGuard(kind);
        this.listener = spec.listener();
        this.deliveries = spec.deliveries();
        SecurityHooks.check(spec);
        Consumer<ClientSetup> callbacks = spec.callbacks() == null ? setup -> { } : spec.callbacks();
        SecurityHooks hooks = new SecurityHooks(this, spec.security());
        this.client = RdClient.create(spec.type(), spec.config(), spec.oauthBearerTokenRefresh(), this,
                callbacks.andThen(hooks::install));
        LiveClients.add(client.name());
    }

    public RdClient rd() {
        return client;
    }

    public String name() {
        return client.name();
    }

    public ClientGuard guard() {
        return guard;
    }

    public Logger log() {
        return log;
    }

    // ---- calls ------------------------------------------------------------------------

    /** Runs a call that touches the handle (throws {@link IllegalStateException} once closing). */
    public void run(Runnable call) {
        guard.enter();
        try {
            call.run();
        } finally {
            guard.exit();
        }
    }

    public <T> T call(Supplier<T> call) {
        guard.enter();
        try {
            return call.get();
        } finally {
            guard.exit();
        }
    }

    /**
     * Serves the main queue for up to {@code timeoutMs}, on this thread, marked as inside
     * this client's callbacks. The caller has entered the guard.
     */
    public int poll(int timeoutMs) {
        CallbackScope.enter(this);
        try {
            return client.poll(timeoutMs, this);
        } finally {
            CallbackScope.exit();
        }
    }

    /** Whether this thread is running this client's callbacks (in a poll of it). */
    public boolean isServingOnThisThread() {
        return CallbackScope.isInside(this);
    }

    /** Serves the main queue without waiting, unless another thread is serving it. */
    public void pollIfIdle() {
        CallbackScope.enter(this);
        try {
            client.pollIfIdle(this);
        } finally {
            CallbackScope.exit();
        }
    }

    // ---- close ------------------------------------------------------------------------

    public boolean isClosed() {
        return guard.isClosing();
    }

    /**
     * Starts closing. Refuses a close from inside this client's callbacks; returns false
     * (after waiting for it) if another thread is already closing.
     */
    private boolean beginClose() {
        if (CallbackScope.isInside(this)) {
            throw new IllegalStateException("close() was called from inside a callback of this " + kind
                    + "; librdkafka cannot destroy a client from its own callbacks. Close it from another thread, "
                    + "or after the call that runs the callback returns.");
        }
        if (guard.isClosingThread()) {
            throw new IllegalStateException("close() was called from inside a callback of this " + kind
                    + " while it closes; librdkafka cannot destroy a client from its own callbacks");
        }
        if (!guard.beginClose()) {
            awaitClosed();
            return false;
        }
        return true;
    }

    /**
     * The close protocol of every client kind: refuses a close from inside the client's
     * callbacks, lets a second closer wait for the first, runs the kind's {@code steps}
     * (given the deadline of {@code timeout}) and always ends closing.
     */
    public void close(Duration timeout, java.util.function.LongConsumer steps) {
        long deadline = Timeouts.deadline(timeout, "timeout");
        if (!beginClose()) return;
        try {
            steps.accept(deadline);
        } finally {
            endClose();
        }
    }

    /** Destroys the handle ({@code beforeDestroy} releases what the kind holds on it first). */
    public void destroy(Runnable beforeDestroy) {
        destroy(beforeDestroy, false);
    }

    /** As {@link #destroy(Runnable)}, skipping librdkafka's consumer close (see {@link RdClient#destroy(Runnable, boolean)}). */
    public void destroy(Runnable beforeDestroy, boolean skipConsumerClose) {
        client.destroy(beforeDestroy, skipConsumerClose);
        LiveClients.remove(client.name());
    }

    /**
     * As {@link #destroy(Runnable, boolean)}, on a thread of its own, waiting for it until
     * {@code until} ({@link System#nanoTime()} scale). Returns true if the client was destroyed
     * by then; else the destruction goes on in the background (that thread closes the arena
     * once {@code rd_kafka_destroy} returns) and the caller may return: for a close that must
     * keep its bound while librdkafka still waits for requests to time out.
     */
    public boolean destroyWithin(Runnable beforeDestroy, boolean skipConsumerClose, long until) {
        Thread t = Thread.ofPlatform().daemon().name("jrdkafka-destroy-" + client.name()).start(() -> {
            try {
                destroy(beforeDestroy, skipConsumerClose);
            } catch (Throwable e) {
                warn("{}: destroying the client failed: {}", client.name(), e);
            }
        });
        return Timeouts.join(t, until);
    }

    /** Ends closing: every later call throws, waiters of a second close() return. */
    private void endClose() {
        guard.endClose();
        closed.countDown();
    }

    private void awaitClosed() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Registers the leak report of {@code facade}: if it becomes unreachable unclosed, it is
     * reported (WARN) and {@code closeOnLeak} runs on the Cleaner thread, with
     * {@link #isLeaked()} true so that the kind's core runs no user callbacks there.
     * Returns what {@code close()} cleans.
     */
    public Cleaner.Cleanable registerLeakReport(Object facade, Runnable closeOnLeak) {
        ClientCore core = this;
        return Leaks.register(facade, new Leaks.Client() {
            @Override
            public String kind() {
                return core.kind;
            }

            @Override
            public String name() {
                return core.name();
            }

            @Override
            public Logger log() {
                return core.log;
            }

            @Override
            public boolean isClosed() {
                return core.isClosed();
            }

            @Override
            public void markLeaked() {
                core.leaked = true;
            }
        }, closeOnLeak);
    }

    /** Whether this client is being closed because its facade was garbage-collected unclosed. */
    public boolean isLeaked() {
        return leaked;
    }

    // ---- tokens -----------------------------------------------------------------------

    /** {@code rd_kafka_oauthbearer_set_token}; {@code extensions} key → value. */
    public void setOAuthBearerToken(String token, Instant lifetime, String principal, Map<String, String> extensions) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(extensions, "extensions");
        String[] ext = extensions.entrySet().stream().flatMap(e -> Stream.of(
                Objects.requireNonNull(e.getKey(), "extension key"),
                Objects.requireNonNull(e.getValue(), () -> "value of extension " + e.getKey()))).toArray(String[]::new);
        run(() -> client.setOAuthBearerToken(token, lifetime.toEpochMilli(), principal, ext));
    }

    /** {@code rd_kafka_oauthbearer_set_token_failure}: no token could be obtained; librdkafka asks again. */
    public void setOAuthBearerTokenFailure(String reason) {
        Objects.requireNonNull(reason, "reason");
        run(() -> client.setOAuthBearerTokenFailure(reason));
    }

    /**
     * {@code rd_kafka_sasl_set_credentials}: the PLAIN or SCRAM username and password for
     * the next authentication (existing connections stay as they are).
     */
    public void setSaslCredentials(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        run(() -> RdSecurity.setSaslCredentials(client, username, password));
        authFailures.clear();
    }

    /**
     * The last authentication failure (SASL or TLS) librdkafka reported, if it came within
     * the last {@code window}: what a call that waited for a broker in vain should throw.
     */
    public Optional<KafkaException> recentAuthenticationFailure(Duration window) {
        return authFailures.recent(window);
    }

    /** Notes the certificate verifier's rejection, for the _SSL error that follows. */
    void verifierRejected(String reason) {
        authFailures.verifierRejected(reason);
    }

    /**
     * Runs {@code onFailure} for each authentication failure reported from now on (on the
     * thread serving events); returns what stops it.
     */
    public Runnable onAuthenticationFailure(Consumer<KafkaException> onFailure) {
        return authFailures.subscribe(onFailure);
    }

    // ---- metadata ---------------------------------------------------------------------

    /** One Metadata request for {@code topic} (null: all topics), waiting up to {@code timeout}. */
    public ClusterMetadata metadata(String topic, Duration timeout) {
        int ms = Timeouts.millis(timeout, "timeout");
        return call(() -> authFailures.failFast(ms, slice -> RdMetadata.fetch(client, topic, slice), this::pollIfIdleForEvents));
    }

    /** Serves pending events (errors among them) unless another thread is serving them. */
    private void pollIfIdleForEvents() {
        if (!CallbackScope.isInside(this)) pollIfIdle();
    }

    /**
     * {@code topic}'s partitions, from one Metadata request for it.
     *
     * @throws KafkaException with the broker's error for the topic (e.g. UNKNOWN_TOPIC_OR_PART)
     */
    public List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
        Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty()) throw new IllegalArgumentException("the topic name is empty");
        TopicMetadata t = metadata(topic, timeout).topics().get(topic);
        if (t == null) throw new KafkaException(KafkaError.UNKNOWN_TOPIC_OR_PART, "no metadata for topic " + topic);
        if (t.error() != KafkaError.NO_ERROR) {
            throw new KafkaException(t.error(), "metadata of topic " + topic + ": " + t.error());
        }
        return t.partitions();
    }

    // ---- fatal errors -----------------------------------------------------------------

    /** The client's fatal error ({@code rd_kafka_fatal_error}), as an exception with isFatal(). */
    public KafkaException fatalError() {
        KafkaException f = fatal;
        if (f != null) return f;
        int[] code = {FATAL};
        String text = client.fatalError(code);
        return fatal(code[0], text != null ? text : "unknown");
    }

    /** The fatal error, if librdkafka has raised one. */
    public Optional<KafkaException> currentFatalError() {
        if (fatal != null) return Optional.of(fatal);
        return client.fatalError(new int[1]) != null ? Optional.of(fatalError()) : Optional.empty();
    }

    /** Whether librdkafka has raised a fatal error on this client. */
    public boolean hasFatalError() {
        return fatal != null || client.fatalError(new int[1]) != null;
    }

    private KafkaException fatal(int code, String text) {
        return KafkaException.fatal(code, "fatal error: " + text + " (" + KafkaError.fromCode(code) + "); the "
                + kind.toLowerCase(java.util.Locale.ROOT) + " can no longer be used and must be closed");
    }

    // ---- events (EventSink) -----------------------------------------------------------

    @Override
    public void onDelivery(DeliveryReportView report) {
        if (deliveries != null) deliveries.onDelivery(report);
    }

    @Override
    public void onError(int code, String reason, boolean isFatal) {
        KafkaException error;
        if (isFatal) {
            int[] underlying = {code};
            String text = client.fatalError(underlying);
            error = fatal(underlying[0], text != null ? text : reason);
            fatal = error;
        } else {
            error = new KafkaException(code, authFailures.withVerifierReason(code, reason) + " (" + KafkaError.fromCode(code) + ")");
            if (AuthFailures.isAuthentication(code) && !AuthFailures.isReauthenticationRefusal(reason)) authFailures.report(error);
        }
        if (leaked) {
            log.warn("{} (leaked, closing): {}", name(), error.getMessage());
            return;
        }
        listener.onError(error);
    }

    @Override
    public void onLog(int level, String facility, String message) {
        LibrdkafkaLog.log(client.name(), level, facility, message);
    }

    @Override
    public void onStats(String json) {
        if (!leaked) listener.onStats(json);
    }

    @Override
    public void onThrottle(String brokerName, int brokerId, int throttleTimeMs) {
        if (!leaked) listener.onThrottle(brokerName, brokerId, Duration.ofMillis(throttleTimeMs));
    }

    @Override
    public void onOAuthBearerTokenRefresh(String config) {
        if (!leaked) listener.onOAuthBearerTokenRefresh(config);
    }

    @Override
    public void onCallbackFailure(String callback, Throwable failure) {
        try {
            log.error("{} of {} threw; the exception was caught and the {} carries on", callback, client.name(),
                    kind.toLowerCase(java.util.Locale.ROOT), failure);
        } catch (Throwable loggerFailed) {
            // The logging backend itself threw (e.g. a failing appender): say it once on stderr
            // rather than let it end the thread that serves this client.
            System.err.println("jrdkafka: " + callback + " of " + client.name() + " threw " + failure
                    + ", and logging it failed with " + loggerFailed);
        }
    }

    /**
     * Logs a warning of the client's own (close timing out, a thread not stopping) without
     * letting a failing logging backend stop what is being done (a close must finish).
     */
    public void warn(String format, Object... args) {
        try {
            log.warn(format, args);
        } catch (Throwable loggerFailed) {
            System.err.println("jrdkafka: " + name() + ": " + org.slf4j.helpers.MessageFormatter.arrayFormat(format, args).getMessage());
        }
    }

    /** Runs a user callback, reporting what it throws (never propagated: callers are librdkafka's or ours). */
    public void callback(String what, Runnable userCode) {
        try {
            userCode.run();
        } catch (Throwable t) {
            onCallbackFailure(what, t);
        }
    }
}
