package dev.jrdkafka.internal.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Completions waiting for librdkafka's answer, by the 64-bit id passed as the request's
 * opaque: delivery callbacks, commit listeners, admin results. Each is taken exactly once —
 * by its answer, or by {@link #failAll} when the client closes first.
 */
public final class Pending<T> {
    private final Map<Long, T> waiting = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final long tag;

    /** @param tag bits or-ed into every id (e.g. bit 63, to tell ids from a user's opaque values) */
    public Pending(long tag) {
        this.tag = tag;
    }

    /** Registers {@code completion}; returns its id. */
    public long add(T completion) {
        long id = ids.incrementAndGet() | tag;
        waiting.put(id, completion);
        return id;
    }

    /** Takes the completion of {@code id}, or null if it was already taken (or never added). */
    public T take(long id) {
        return waiting.remove(id);
    }

    public boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** Takes every completion still waiting and hands each to {@code fail} (which must not throw). */
    public void failAll(Consumer<T> fail) {
        for (Long id : List.copyOf(waiting.keySet())) {
            T t = waiting.remove(id);
            if (t != null) fail.accept(t);
        }
    }
}
