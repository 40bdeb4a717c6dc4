package dev.jrdkafka.internal.rd.produce;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A thread's native staging buffer for key and value bytes on their way into librdkafka,
 * which copies them (RD_KAFKA_MSG_F_COPY) before produce returns: the buffer is reused by
 * every message of the thread, so producing from a {@code byte[]} allocates nothing. The
 * memory is freed by the GC once the thread is gone (automatic arena).
 */
final class ProduceScratch {
    private static final ThreadLocal<ProduceScratch> PER_THREAD = ThreadLocal.withInitial(ProduceScratch::new);

    private MemorySegment buffer = Arena.ofAuto().allocate(64 * 1024, 16);

    static ProduceScratch get() {
        return PER_THREAD.get();
    }

    /** Copies key then value into the buffer (growing it if needed) and returns its address. */
    long stage(byte[] key, byte[] value) {
        long keyLen = key == null ? 0 : key.length;
        long valueLen = value == null ? 0 : value.length;
        if (keyLen + valueLen > buffer.byteSize()) {
            buffer = Arena.ofAuto().allocate(Math.max(keyLen + valueLen, buffer.byteSize() * 2), 16);
        }
        if (key != null) MemorySegment.copy(key, 0, buffer, ValueLayout.JAVA_BYTE, 0, key.length);
        if (value != null) MemorySegment.copy(value, 0, buffer, ValueLayout.JAVA_BYTE, keyLen, value.length);
        return buffer.address();
    }

    /** Copies a segment's bytes into the buffer at {@code offset}, growing it first if needed. */
    long stage(MemorySegment key, MemorySegment value) {
        long keyLen = key == null ? 0 : key.byteSize();
        long valueLen = value == null ? 0 : value.byteSize();
        if (keyLen + valueLen > buffer.byteSize()) {
            buffer = Arena.ofAuto().allocate(Math.max(keyLen + valueLen, buffer.byteSize() * 2), 16);
        }
        if (key != null) MemorySegment.copy(key, 0, buffer, 0, keyLen);
        if (value != null) MemorySegment.copy(value, 0, buffer, keyLen, valueLen);
        return buffer.address();
    }

    /** Copies two buffers' remaining bytes (key then value, either may be null); positions are left as they are. */
    long stage(java.nio.ByteBuffer key, java.nio.ByteBuffer value) {
        long keyLen = key == null ? 0 : key.remaining();
        long valueLen = value == null ? 0 : value.remaining();
        if (keyLen + valueLen > buffer.byteSize()) {
            buffer = Arena.ofAuto().allocate(Math.max(keyLen + valueLen, buffer.byteSize() * 2), 16);
        }
        copy(key, 0);
        copy(value, keyLen);
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

    /** Keeps the buffer reachable until the native call using its address has returned. */
    void reachabilityFence() {
        java.lang.ref.Reference.reachabilityFence(buffer);
    }
}
