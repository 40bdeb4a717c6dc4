package dev.jrdkafka.internal.client;

/**
 * Which clients' (or queues') callbacks the current thread is running inside: the one
 * re-entrancy marker of every client kind, so that {@code close()} from inside a callback
 * of the same object is refused (librdkafka cannot destroy a client from its own
 * callbacks). Entering and leaving allocate nothing once the thread's stack exists.
 */
public final class CallbackScope {
    private static final ThreadLocal<Frames> FRAMES = ThreadLocal.withInitial(Frames::new);

    private static final class Frames {
        Object[] owners = new Object[4];
        int depth;
    }

    private CallbackScope() {}

    /** Marks the thread as serving {@code owner}'s callbacks until the matching {@link #exit()}. */
    public static void enter(Object owner) {
        Frames f = FRAMES.get();
        if (f.depth == f.owners.length) f.owners = java.util.Arrays.copyOf(f.owners, f.depth * 2);
        f.owners[f.depth++] = owner;
    }

    public static void exit() {
        Frames f = FRAMES.get();
        f.owners[--f.depth] = null;
    }

    /** Whether the thread is inside {@code owner}'s callbacks (at any depth). */
    public static boolean isInside(Object owner) {
        Frames f = FRAMES.get();
        for (int i = f.depth - 1; i >= 0; i--) {
            if (f.owners[i] == owner) return true;
        }
        return false;
    }
}
