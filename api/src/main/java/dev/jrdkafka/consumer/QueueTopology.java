package dev.jrdkafka.consumer;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The forwarding between one consumer's {@link Queue}s, under a lock of its own: which queue
 * forwards where, which carry offset-commit results (event-only), which have readiness on,
 * which are torn down. librdkafka's forwarding ({@code rd_kafka_queue_forward}) and
 * readiness ({@code rd_kafka_queue_cb_event_enable}) belong to the queue, not to a handle,
 * so they are changed only here, one change at a time.
 */
final class QueueTopology {
    /** A queue's terminal (where its ops really land, readiness on) and the terminal's signal when armed. */
    record Armed(Queue terminal, long seen) {}

    private final Map<Queue, Queue> forwardedTo = new HashMap<>();
    private final Map<Queue, Set<Queue>> sources = new HashMap<>();
    private final Set<Queue> eventOnly = new HashSet<>();
    private final Set<Queue> armed = new HashSet<>();
    private final Set<Queue> tornDown = new HashSet<>();

    /** Forwards {@code source} to {@code destination}; both are entered by the caller. */
    synchronized void forward(Queue source, Queue destination) {
        if (eventOnly.contains(source) || eventOnly.contains(destination)) {
            throw new IllegalStateException("a queue that receives offset-commit results cannot be forwarded "
                    + "or forwarded into: librdkafka's record reads cannot take those results");
        }
        for (Queue q = destination; q != null; q = forwardedTo.get(q)) {
            if (q == source) throw new IllegalArgumentException("forwarding " + source + " to " + destination + " makes a cycle");
        }
        unforward(source);
        source.rd.forward(destination.rd);
        forwardedTo.put(source, destination);
        sources.computeIfAbsent(destination, d -> new LinkedHashSet<>()).add(source);
    }

    /** Stops forwarding {@code source}, if it does. */
    synchronized void unforward(Queue source) {
        Queue to = forwardedTo.remove(source);
        if (to == null) return;
        source.rd.forward(null);
        Set<Queue> s = sources.get(to);
        if (s != null) s.remove(source);
    }

    synchronized Queue forwardedTo(Queue q) {
        return forwardedTo.get(q);
    }

    synchronized boolean hasForwarding(Queue q) {
        return forwardedTo.containsKey(q) || !sources.getOrDefault(q, Set.of()).isEmpty();
    }

    /** Marks {@code q} as receiving offset-commit results: it may then neither forward nor be forwarded into. */
    synchronized void markEventOnly(Queue q) {
        if (hasForwarding(q)) {
            throw new IllegalStateException("a queue for offset-commit results must neither forward nor be forwarded into");
        }
        eventOnly.add(q);
    }

    synchronized boolean isEventOnly(Queue q) {
        return eventOnly.contains(q);
    }

    private Queue terminal(Queue q) {
        Queue t = q;
        for (Queue next = forwardedTo.get(t); next != null; next = forwardedTo.get(t)) t = next;
        return t;
    }

    /** The queue's terminal with readiness on, and the terminal's signal now; the caller has entered {@code q}. */
    synchronized Armed arm(Queue q) {
        Queue t = terminal(q);
        if (!tornDown.contains(t) && armed.add(t)) t.enableReadiness();
        return new Armed(t, t.signal.seq());
    }

    /** The terminal that a wakeup of {@code q} must reach. */
    synchronized Queue terminalOf(Queue q) {
        return terminal(q);
    }

    /** Whether a read of the terminal {@code t} would find something. */
    synchronized boolean hasWork(Queue t) {
        return !tornDown.contains(t) && t.hasQueued();
    }

    /** 1 ready, 0 not (readiness on from now); for selectors. The caller has entered {@code q}. */
    synchronized int probe(Queue q) {
        if (!tornDown.contains(q) && armed.add(q)) q.enableReadiness();
        return hasWork(q) ? 1 : 0;
    }

    /**
     * Tears {@code q} down once: queues forwarded into it stop forwarding, its own forwarding
     * is undone, then {@code release} runs (give back what it holds, destroy the handle).
     * Returns false if it was already torn down.
     */
    synchronized boolean teardown(Queue q, Runnable release) {
        if (!tornDown.add(q)) return false;
        for (Queue s : List.copyOf(sources.getOrDefault(q, Set.of()))) {
            unforward(s);
            s.signal.ready();
        }
        sources.remove(q);
        unforward(q);
        release.run();
        armed.remove(q);
        eventOnly.remove(q);
        return true;
    }
}
