package dev.jrdkafka.internal.rd.client;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.KafkaException;
import dev.jrdkafka.internal.rd.Rd;
import dev.jrdkafka.internal.rd.RdConf;
import dev.jrdkafka.internal.rd.RdErrors;
import dev.jrdkafka.internal.rd.TopicNames;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One {@code rd_kafka_t} and its main queue, served through librdkafka's event API:
 * delivery reports, errors, logs ({@code log.queue=true}, forwarded to the main queue),
 * statistics and token refreshes all arrive as events on the thread that calls
 * {@link #poll}, so librdkafka's own threads never wait for Java and no user code runs in
 * an upcall. Lifetime: {@link #destroy()} once, after {@link ClientGuard} says no call is
 * in flight; the arena holding upcall stubs closes only after {@code rd_kafka_destroy}.
 */
public final class RdClient {
    private static final int MAX_EVENTS_PER_POLL = 1000;
    /** Client types for {@link #create}. */
    public static final int PRODUCER = RD_KAFKA_PRODUCER();
    public static final int CONSUMER = RD_KAFKA_CONSUMER();

    private final MemorySegment rk;
    private final MemorySegment mainQueue;
    private final Arena arena;
    private final TopicNames topicNames = new TopicNames();
    private final DeliveryReportView report;
    // Fair, so that a thread waiting in awaitPollIdle() gets in between two polls of the poller thread.
    private final ReentrantLock pollLock = new ReentrantLock(true);
    private final MemorySegment logFac;
    private final MemorySegment logStr;
    private final MemorySegment logLevel;
    private final String name;
    private MemorySegment messageArray = MemorySegment.NULL; // guarded by pollLock
    private long messageArrayCapacity;
    /** What holds references into this client (consumer queues, a shared Admin): closed before it is. */
    private final java.util.Set<Dependent> dependents = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Something holding references into this client (a queue): closed before the client goes. */
    public interface Dependent {
        /** Releases its references; called once, with no call of the client in flight. */
        void closeForClient();
    }

    private RdClient(MemorySegment rk, Arena arena) {
        this.rk = rk;
        this.arena = arena;
        this.mainQueue = rd_kafka_queue_get_main(rk);
        this.report = new DeliveryReportView(topicNames, arena);
        this.logFac = arena.allocate(ValueLayout.ADDRESS);
        this.logStr = arena.allocate(ValueLayout.ADDRESS);
        this.logLevel = arena.allocate(ValueLayout.JAVA_INT);
        this.name = Rd.cString(rd_kafka_name(rk));
    }

    /**
     * Creates a client of {@code type} ({@link #PRODUCER} or {@link #CONSUMER}) whose events
     * go to {@code sink}, with the throttle callback installed.
     *
     * @param customizer installs further callbacks; their stubs go into the setup's arena,
     *                   which lives exactly as long as the client
     */
    public static RdClient create(int type, Map<String, String> properties, boolean oauthRefreshEvents,
                                  EventSink sink, java.util.function.Consumer<ClientSetup> customizer) {
        Arena arena = ClientArenas.create();
        RdConf conf;
        try {
            conf = RdConf.create(properties);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
        try (conf; Arena scratch = Arena.ofConfined()) {
            conf.set("log.queue", "true");
            int events = RD_KAFKA_EVENT_DR() | RD_KAFKA_EVENT_ERROR() | RD_KAFKA_EVENT_LOG() | RD_KAFKA_EVENT_STATS();
            if (oauthRefreshEvents) events |= RD_KAFKA_EVENT_OAUTHBEARER_TOKEN_REFRESH();
            rd_kafka_conf_set_events(conf.ptr(), events);
            ClientSetup setup = new ClientSetup(conf, arena, sink);
            RdThrottle.install(setup);
            customizer.accept(setup);
            MemorySegment errstr = scratch.allocate(RdConf.ERRSTR_SIZE);
            MemorySegment rk = rd_kafka_new(type, conf.ptr(), errstr, RdConf.ERRSTR_SIZE);
            if (rk.equals(MemorySegment.NULL)) {
                throw new IllegalArgumentException("librdkafka refused the configuration: " + errstr.getString(0));
            }
            conf.handOver(); // owned by rk now
            try {
                setup.runAfterCreate(rk);
            } catch (RuntimeException | Error e) {
                rd_kafka_destroy(rk);
                throw e;
            }
            RdClient client = new RdClient(rk, arena);
            rd_kafka_set_log_queue(rk, MemorySegment.NULL); // NULL: forward logs to the main queue
            return client;
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /** The {@code rd_kafka_t}, for the calls of this layer. */
    public     MemorySegment rk() {
        return rk;
    }

    public String name() {
        return name;
    }

    /** Topic names by handle, shared by everything that reads this client's messages. */
    public TopicNames topicNames() {
        return topicNames;
    }

    /**
     * Serves the main queue: waits up to {@code timeoutMs} for the first event, then takes
     * what is ready without waiting, up to a bound. Returns the number of events served.
     * One thread at a time; others wait their turn.
     */
    public int poll(int timeoutMs, EventSink sink) {
        pollLock.lock();
        try {
            int served = 0;
            MemorySegment ev = rd_kafka_queue_poll(mainQueue, timeoutMs);
            while (!ev.equals(MemorySegment.NULL)) {
                try {
                    dispatch(ev, sink);
                } finally {
                    rd_kafka_event_destroy(ev);
                }
                if (++served >= MAX_EVENTS_PER_POLL) break;
                ev = rd_kafka_queue_poll(mainQueue, 0);
            }
            return served;
        } finally {
            pollLock.unlock();
        }
    }

    private void dispatch(MemorySegment ev, EventSink sink) {
        int type = rd_kafka_event_type(ev);
        if (type == RD_KAFKA_EVENT_DR()) {
            dispatchDeliveries(ev, sink);
        } else if (type == RD_KAFKA_EVENT_ERROR()) {
            guarded(sink, "error listener", () -> sink.onError(rd_kafka_event_error(ev),
                    Rd.cString(rd_kafka_event_error_string(ev)), rd_kafka_event_error_is_fatal(ev) != 0));
        } else if (type == RD_KAFKA_EVENT_LOG()) {
            if (rd_kafka_event_log(ev, logFac, logStr, logLevel) == 0) {
                String fac = Rd.cString(logFac.get(ValueLayout.ADDRESS, 0));
                String str = Rd.cString(logStr.get(ValueLayout.ADDRESS, 0));
                int level = logLevel.get(ValueLayout.JAVA_INT, 0);
                guarded(sink, "log", () -> sink.onLog(level, fac, str));
            }
        } else if (type == RD_KAFKA_EVENT_STATS()) {
            String json = Rd.cString(rd_kafka_event_stats(ev));
            guarded(sink, "stats listener", () -> sink.onStats(json));
        } else if (type == RD_KAFKA_EVENT_OAUTHBEARER_TOKEN_REFRESH()) {
            String config = Rd.cString(rd_kafka_event_config_string(ev));
            guarded(sink, "token refresh listener", () -> sink.onOAuthBearerTokenRefresh(config));
        }
    }

    private void dispatchDeliveries(MemorySegment ev, EventSink sink) {
        long count = rd_kafka_event_message_count(ev);
        if (count <= 0) return;
        if (count > messageArrayCapacity) {
            // Grows rarely (reports come in batches of up to a few 10,000s); the client's
            // arena frees it at destroy. Polls are serialized, so one array serves them all.
            messageArrayCapacity = Math.max(count, messageArrayCapacity * 2);
            messageArray = arena.allocate(ValueLayout.ADDRESS, messageArrayCapacity);
        }
        long n = rd_kafka_event_message_array(ev, messageArray, count);
        for (long i = 0; i < n; i++) {
            report.point(messageArray.getAtIndex(ValueLayout.JAVA_LONG, i));
            try {
                sink.onDelivery(report);
            } catch (Throwable t) {
                failed(sink, "delivery callback", t);
            }
        }
    }

    private static void guarded(EventSink sink, String what, Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            failed(sink, what, t);
        }
    }

    /** Reports a callback's failure; a failure of the report itself (a throwing logger) ends here, never the poll. */
    private static void failed(EventSink sink, String what, Throwable t) {
        try {
            sink.onCallbackFailure(what, t);
        } catch (Throwable ignored) {
            // the sink's own last resort failed too: nothing left to tell
        }
    }

    /**
     * Serves the main queue without waiting, unless another thread is serving it right now
     * (then that thread does): for readers of other queues, so client events keep flowing.
     */
    public int pollIfIdle(EventSink sink) {
        if (!pollLock.tryLock()) return 0;
        try {
            return poll(0, sink);
        } finally {
            pollLock.unlock();
        }
    }

    /** Registers a dependent to close before this client is destroyed. */
    public void adopt(Dependent d) {
        dependents.add(d);
    }

    /** Forgets a dependent that closed itself. */
    public void release(Dependent d) {
        dependents.remove(d);
    }

    /**
     * Closes every dependent (queues: readiness callbacks off, forwarding undone, references
     * dropped). For a consumer: before {@code rd_kafka_consumer_close}, as rdkafka.h asks of
     * consumer-queue references. Idempotent.
     */
    public void closeDependents() {
        for (Dependent d : java.util.List.copyOf(dependents)) {
            try {
                d.closeForClient();
            } finally {
                dependents.remove(d);
            }
        }
    }

    /** Returns once no thread is inside {@link #poll} (waking a blocked one first). */
    public void awaitPollIdle() {
        wakeup();
        pollLock.lock();
        pollLock.unlock();
    }

    /** Wakes a thread blocked in {@link #poll}. Safe from any thread while the client lives. */
    public void wakeup() {
        rd_kafka_queue_yield(mainQueue);
    }

    /** {@code rd_kafka_outq_len}: messages and requests not yet done. */
    public int outqLen() {
        return rd_kafka_outq_len(rk);
    }

    /**
     * {@code rd_kafka_oauthbearer_set_token}: the token librdkafka uses for SASL/OAUTHBEARER
     * from now on. {@code extensions} alternate keys and values.
     */
    public void setOAuthBearerToken(String token, long lifetimeMs, String principal, String[] extensions) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment ext = MemorySegment.NULL;
            if (extensions.length > 0) {
                ext = scratch.allocate(ValueLayout.ADDRESS, extensions.length);
                for (int i = 0; i < extensions.length; i++) ext.setAtIndex(ValueLayout.ADDRESS, i, Rd.cString(scratch, extensions[i]));
            }
            MemorySegment errstr = scratch.allocate(RdConf.ERRSTR_SIZE);
            int rc = rd_kafka_oauthbearer_set_token(rk, Rd.cString(scratch, token), lifetimeMs,
                    Rd.cString(scratch, principal), ext, extensions.length, errstr, RdConf.ERRSTR_SIZE);
            if (rc != 0) {
                throw new KafkaException(rc, "setOAuthBearerToken failed: " + errstr.getString(0) + " (" + RdErrors.name(rc) + ")");
            }
        }
    }

    /** {@code rd_kafka_oauthbearer_set_token_failure}: no token could be obtained. */
    public void setOAuthBearerTokenFailure(String reason) {
        try (Arena scratch = Arena.ofConfined()) {
            RdErrors.check(rd_kafka_oauthbearer_set_token_failure(rk, Rd.cString(scratch, reason)),
                    "setOAuthBearerTokenFailure");
        }
    }

    /** The underlying error of a fatal error, or null if there is none. */
    public String fatalError(int[] codeOut) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment errstr = scratch.allocate(RdConf.ERRSTR_SIZE);
            int code = rd_kafka_fatal_error(rk, errstr, RdConf.ERRSTR_SIZE);
            if (code == 0) return null;
            codeOut[0] = code;
            return errstr.getString(0);
        }
    }

    /** {@code rd_kafka_test_fatal_error}: raises a fatal error as librdkafka would (for tests of fatal-error handling). */
    public void raiseTestFatalError(int code, String reason) {
        try (Arena scratch = Arena.ofConfined()) {
            RdErrors.check(rd_kafka_test_fatal_error(rk, code, Rd.cString(scratch, reason)), "raiseTestFatalError");
        }
    }

    /**
     * Destroys the client: its main queue reference, then {@code rd_kafka_destroy}, then the
     * arena with the upcall stubs (librdkafka can no longer call them).
     */
    public void destroy(Runnable beforeDestroy) {
        destroy(beforeDestroy, false);
    }

    /**
     * As {@link #destroy(Runnable)}; {@code skipConsumerClose}: {@code rd_kafka_destroy_flags}
     * with {@code RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE}, for a consumer whose own
     * {@code rd_kafka_consumer_close} could not finish (after a fatal error
     * {@code rd_kafka_destroy} would try the close again and wait for ever).
     */
    public void destroy(Runnable beforeDestroy, boolean skipConsumerClose) {
        closeDependents();
        rd_kafka_queue_destroy(mainQueue);
        beforeDestroy.run();
        if (skipConsumerClose) rd_kafka_destroy_flags(rk, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE());
        else rd_kafka_destroy(rk);
        arena.close();
    }
}
