package dev.jrdkafka.internal.rd;

import java.lang.foreign.MemorySegment;

/**
 * One librdkafka object held by Java, owned or borrowed, as its factory names it. An owned
 * object is destroyed by {@link #close()} exactly once (or {@link #handOver() handed over} to
 * librdkafka, which then frees it); a borrowed one belongs to something else (an event, a
 * callback's argument) and {@link #close()} only ends this view. Either way, any use after
 * close throws {@link IllegalStateException} instead of touching freed memory.
 *
 * <p>Confined in practice: one thread uses an object at a time (the client's guard keeps
 * other threads' close away while a call is in flight). Modelled on rust-rdkafka's
 * {@code NativePtr}/{@code KafkaDrop}: each kind states its destroy function and a name.
 */
public abstract class NativeObject implements AutoCloseable {
    private MemorySegment ptr;
    private final boolean owned;

    protected NativeObject(MemorySegment ptr, boolean owned) {
        if (ptr == null || ptr.equals(MemorySegment.NULL)) {
            throw new IllegalArgumentException("a " + getClass().getSimpleName() + " needs a non-NULL pointer");
        }
        this.ptr = ptr;
        this.owned = owned;
    }

    /** The pointer, for calls made by this layer. */
    public final MemorySegment ptr() {
        MemorySegment p = ptr;
        if (p == null) throw new IllegalStateException("this " + kind() + " was already closed or handed over");
        return p;
    }

    public final boolean isClosed() {
        return ptr == null;
    }

    /**
     * Gives an owned object to librdkafka (a call that takes ownership on success): it is no
     * longer destroyed here, and this handle becomes unusable. Returns the pointer.
     */
    public final MemorySegment handOver() {
        MemorySegment p = ptr();
        ptr = null;
        return p;
    }

    /** Destroys an owned object; ends a borrowed view. Idempotent. */
    @Override
    public final void close() {
        MemorySegment p = ptr;
        if (p == null) return;
        ptr = null;
        if (owned) destroy(p);
    }

    /** librdkafka's destroy function for this kind. */
    protected abstract void destroy(MemorySegment p);

    /** A short name for messages ("partition list", "event"...). */
    protected abstract String kind();

    @Override
    public String toString() {
        return kind() + (owned ? " (owned)" : " (borrowed)") + (ptr == null ? " closed" : "");
    }
}
