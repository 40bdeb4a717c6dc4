package dev.jrdkafka.internal.rd.produce;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * The native address of a direct {@link ByteBuffer}'s position, without building a
 * {@code MemorySegment} per call (whether {@code MemorySegment.ofBuffer} is optimised away
 * depends on the JIT's inlining; measured: sometimes 72 B per message). The base address of
 * the last buffer seen is remembered per thread, so a reused buffer costs an identity check.
 */
final class DirectBufferAddress {
    private static final ThreadLocal<DirectBufferAddress> LAST = ThreadLocal.withInitial(DirectBufferAddress::new);

    private ByteBuffer buffer;
    private long base;
    private MemorySegment.Scope scope;

    private DirectBufferAddress() {}

    /**
     * Address of {@code b.position()}; {@code b} must be direct.
     *
     * @throws IllegalStateException if {@code b} was made from a segment whose arena is closed
     *         (its memory is freed: reading it could crash the JVM). A plain direct buffer's
     *         scope is always alive; the check is one call on the cached scope, no allocation.
     */
    static long of(ByteBuffer b, String what) {
        DirectBufferAddress last = LAST.get();
        if (last.buffer != b) {
            MemorySegment s = MemorySegment.ofBuffer(b.duplicate().clear());
            last.base = s.address();
            last.scope = s.scope();
            last.buffer = b;
        }
        if (!last.scope.isAlive()) throw closed(what);
        return last.base + b.position();
    }

    /** Refuses a direct buffer made from a segment of a closed arena (not cached: for the staging path). */
    static void requireAlive(ByteBuffer b, String what) {
        if (b != null && b.isDirect() && !MemorySegment.ofBuffer(b).scope().isAlive()) throw closed(what);
    }

    static IllegalStateException closed(String what) {
        return new IllegalStateException("the " + what + " is memory of an arena that is already closed (freed): "
                + "producing it would read freed memory; produce before closing the arena");
    }
}
