package dev.jrdkafka.internal.rd.client;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared arenas that hold each client's upcall stubs and long-lived scratch (one per
 * {@link RdClient}, closed after {@code rd_kafka_destroy}), counted so leak checks can see
 * that every closed client released its stubs: {@link #open()} is 0 once every client is gone.
 */
public final class ClientArenas {
    private static final AtomicInteger OPEN = new AtomicInteger();

    private ClientArenas() {}

    /** Arenas created by {@link #create()} and not closed yet. */
    public static int open() {
        return OPEN.get();
    }

    /** A new shared arena, counted until its (first) close. */
    static Arena create() {
        Arena arena = new Counted(Arena.ofShared());
        OPEN.incrementAndGet();
        return arena;
    }

    /** Delegates to a shared arena; the count drops when the arena really closes. */
    private static final class Counted implements Arena {
        private final Arena delegate;

        Counted(Arena delegate) {
            this.delegate = delegate;
        }

        @Override
        public MemorySegment allocate(long byteSize, long byteAlignment) {
            return delegate.allocate(byteSize, byteAlignment);
        }

        @Override
        public MemorySegment.Scope scope() {
            return delegate.scope();
        }

        @Override
        public void close() {
            delegate.close(); // throws if already closed or in use: then nothing was released
            OPEN.decrementAndGet();
        }
    }
}
