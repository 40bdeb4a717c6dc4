package dev.jrdkafka.internal;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.internal.rd.RdQueue;
import dev.jrdkafka.queue.Queue;
import java.lang.invoke.MethodHandles;
import java.util.Map;

/**
 * Lets the consumer package create and use {@link Queue}s without public constructors: the
 * queue package registers its implementation here when {@link Queue} initializes.
 */
public final class QueueAccess {
    /** The queue package's side. */
    public interface Impl {
        Queue open(QueueHost host, RdQueue rd, RdQueue main, Queue.Kind kind, TopicPartition partition);

        /** Sends commit results for {@code offsets} (null: the assignment's positions) to {@code results}. */
        void commitInto(Queue results, QueueHost host, Map<TopicPartition, Long> offsets);
    }

    private static volatile Impl impl;

    private QueueAccess() {}

    public static void register(Impl i) {
        impl = i;
    }

    public static Impl get() {
        Impl i = impl;
        if (i == null) {
            try {
                MethodHandles.lookup().ensureInitialized(Queue.class);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            i = impl;
        }
        return i;
    }
}
