package dev.jrdkafka.internal.rd.produce;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A native staging buffer for key and value bytes on their way into librdkafka, which copies
 * them (RD_KAFKA_MSG_F_COPY) before produce returns: a buffer is needed only during one call,
 * between {@link #acquire} and {@link #release}. Reused buffers make producing from a
 * {@code byte[]} allocate nothing.
 *
 * <ul>
 *   <li>A platform thread keeps one buffer ({@value #SIZE} bytes) in a thread-local: the
 *       cheapest lookup, and platform threads are few. The GC frees it after the thread ends.</li>
 *   <li>Virtual threads can be millions, so they share {@link #SLOTS} pooled buffers. Produce
 *       pins its carrier, so about as many calls run at once as there are carriers, and a slot
 *       is nearly always free; when none is, the call gets a buffer of its own.</li>
 *   <li>A key plus value larger than {@value #SIZE} bytes gets a buffer of its own too, so
 *       no thread or slot keeps a big buffer after a big message.</li>
 * </ul>
 * A buffer of its own is freed by {@link #release}, not by the GC. Native memory is thus
 * bounded by the platform threads that produce plus the produce calls in progress.
 */
final class ProduceScratch {
    static final long SIZE = 64 * 1024;
    /** Twice the processors rounded up to a power of two (for the index mask), at most 256. */
    static final int SLOTS = Math.min(256, Integer.highestOneBit(2 * Runtime.getRuntime().availableProcessors() - 1) << 1);
    /** Slots 16 references apart, one per cache line: threads on different cores do not write to a shared line. */
    private static final int STRIDE = 16;
    private static final AtomicReferenceArray<ProduceScratch> POOL = new AtomicReferenceArray<>(SLOTS * STRIDE);
    /** Marks a slot whose buffer is in use; a null slot has no buffer yet. */
    private static final ProduceScratch TAKEN = new ProduceScratch(MemorySegment.NULL, null, -1);
    private static final ThreadLocal<ProduceScratch> PER_THREAD =
            ThreadLocal.withInitial(() -> new ProduceScratch(Arena.ofAuto().allocate(SIZE, 16), null, -1));

    final MemorySegment buffer;
    /** Set for a buffer of its own, closed by {@link #release}. */
    private final Arena own;
    /** The pool index this buffer goes back to, or -1. */
    private final int slot;

    private ProduceScratch(MemorySegment buffer, Arena own, int slot) {
        this.buffer = buffer;
        this.own = own;
        this.slot = slot;
    }

    /** A buffer of at least {@code size} bytes for the current thread; {@link #release} it after the call. */
    static ProduceScratch acquire(long size) {
        if (size > SIZE) return ofOwn(size);
        Thread thread = Thread.currentThread();
        if (!thread.isVirtual()) return PER_THREAD.get();
        int home = (int) thread.threadId();
        for (int i = 0; i < SLOTS; i++) {
            int slot = ((home + i) & (SLOTS - 1)) * STRIDE;
            ProduceScratch s = POOL.getAndSet(slot, TAKEN);
            if (s == null) return new ProduceScratch(Arena.ofAuto().allocate(SIZE, 16), null, slot);
            if (s != TAKEN) return s;
        }
        return ofOwn(size);
    }

    private static ProduceScratch ofOwn(long size) {
        Arena arena = Arena.ofConfined();
        return new ProduceScratch(arena.allocate(size, 16), arena, -1);
    }

    /** Ends the use of this buffer by the current call; also keeps it reachable until then. */
    void release() {
        if (slot >= 0) {
            POOL.setRelease(slot, this);
        } else if (own != null) {
            own.close();
        }
    }

    /** Copies key then value into the buffer, which {@link #acquire} sized for both, and returns its address. */
    long stage(byte[] key, byte[] value) {
        long keyLen = key == null ? 0 : key.length;
        if (key != null) MemorySegment.copy(key, 0, buffer, ValueLayout.JAVA_BYTE, 0, key.length);
        if (value != null) MemorySegment.copy(value, 0, buffer, ValueLayout.JAVA_BYTE, keyLen, value.length);
        return buffer.address();
    }

    /** Copies key then value (either may be null) into the buffer and returns its address. */
    long stage(MemorySegment key, MemorySegment value) {
        long keyLen = key == null ? 0 : key.byteSize();
        if (key != null) MemorySegment.copy(key, 0, buffer, 0, keyLen);
        if (value != null) MemorySegment.copy(value, 0, buffer, keyLen, value.byteSize());
        return buffer.address();
    }

    /** Copies key then value, regions of {@code data} (a negative length: none), and returns the buffer's address. */
    long stage(MemorySegment data, long keyOffset, long keyLength, long valueOffset, long valueLength) {
        long keyLen = Math.max(0, keyLength);
        if (keyLength > 0) MemorySegment.copy(data, keyOffset, buffer, 0, keyLength);
        if (valueLength > 0) MemorySegment.copy(data, valueOffset, buffer, keyLen, valueLength);
        return buffer.address();
    }

    /** Copies two buffers' remaining bytes (key then value, either may be null); positions are left as they are. */
    long stage(java.nio.ByteBuffer key, java.nio.ByteBuffer value) {
        copy(key, 0);
        copy(value, key == null ? 0 : key.remaining());
        return buffer.address();
    }

    private void copy(java.nio.ByteBuffer src, long offset) {
        if (src == null) return;
        if (src.hasArray()) { // heap buffer: straight from its array, nothing allocated
            MemorySegment.copy(src.array(), src.arrayOffset() + src.position(), buffer, ValueLayout.JAVA_BYTE,
                    offset, src.remaining());
        } else { // read-only or direct: through a view (allocates a little; not the common path)
            buffer.asSlice(offset, src.remaining()).asByteBuffer().put(src.duplicate());
        }
    }
}
