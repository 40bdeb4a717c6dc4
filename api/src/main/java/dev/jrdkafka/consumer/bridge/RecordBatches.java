package dev.jrdkafka.consumer.bridge;

import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.consumer.RecordView;
import dev.jrdkafka.internal.rd.consume.MessageBatch;
import java.util.function.Consumer;

/**
 * How the share consumer (package {@code dev.jrdkafka.consumer.share}) builds and reads
 * {@link RecordBatch}es, whose constructor and internals stay package-private: the consumer
 * package installs an {@link Access} when {@link RecordBatch} is initialised. Not exported
 * by the module, so not API.
 */
public final class RecordBatches {
    /** What {@link RecordBatch} lets the share consumer do. */
    public interface Access {
        /** A batch over {@code messages}, confined to this thread; {@code onClose} runs once it is closed. */
        RecordBatch open(MessageBatch messages, Consumer<RecordBatch> onClose);

        /** The batch's messages, once it is known open and on its thread. */
        MessageBatch messages(RecordBatch batch);

        RecordBatch batchOf(RecordView view);

        int indexOf(RecordView view);
    }

    private static volatile Access access;

    private RecordBatches() {}

    /** Called once, by {@link RecordBatch}'s static initialiser. */
    public static void install(Access a) {
        if (access != null) throw new IllegalStateException("already installed");
        access = a;
    }

    public static Access access() {
        Access a = access;
        if (a == null) {
            try {
                Class.forName(RecordBatch.class.getName(), true, RecordBatch.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = access;
        }
        return a;
    }
}
