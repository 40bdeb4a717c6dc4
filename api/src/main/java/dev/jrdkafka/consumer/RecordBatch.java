package dev.jrdkafka.consumer;

import dev.jrdkafka.internal.rd.RdMessages;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Records returned by one {@link Consumer#pollBatch}: librdkafka's messages, held in place
 * until {@link #close()} (use try-with-resources). Views ({@link RecordView}) read them
 * without copying; after close every view and every segment obtained from one refuses
 * access. Holding batches open keeps librdkafka's fetch buffers in use, so close them
 * promptly. Not thread-safe: close it on the thread that polled it.
 */
public final class RecordBatch implements AutoCloseable, Iterable<RecordView> {
    private final Arena arena;
    private final List<MemorySegment> messages;
    private final java.util.function.Consumer<RecordBatch> onClose;
    private boolean closed;

    RecordBatch(List<MemorySegment> messages, java.util.function.Consumer<RecordBatch> onClose) {
        this.arena = Arena.ofConfined();
        this.messages = messages;
        this.onClose = onClose;
    }

    public int size() {
        ensureOpen();
        return messages.size();
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** The i-th record's view. */
    public RecordView get(int i) {
        ensureOpen();
        return new RecordView(this, messages.get(i));
    }

    @Override
    public Iterator<RecordView> iterator() {
        ensureOpen();
        return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                ensureOpen();
                return i < messages.size();
            }

            @Override
            public RecordView next() {
                if (!hasNext()) throw new NoSuchElementException();
                return get(i++);
            }
        };
    }

    /** Owned copies of all records. */
    public List<ConsumerRecord> toRecords() {
        List<ConsumerRecord> out = new ArrayList<>(size());
        for (RecordView v : this) out.add(v.toRecord());
        return out;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Releases the messages; views and their segments become unusable. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        arena.close(); // first: throws WrongThreadException on a foreign thread, before anything is freed
        closed = true;
        for (MemorySegment m : messages) RdMessages.destroy(m);
        onClose.accept(this);
    }

    void ensureOpen() {
        if (closed) throw new IllegalStateException("this RecordBatch is closed; its records were released");
    }

    MemorySegment scoped(MemorySegment inPlace) {
        return inPlace == null ? null : inPlace.reinterpret(arena, null).asReadOnly();
    }

    String topicOf(MemorySegment message) {
        return RdMessages.topic(message);
    }
}
