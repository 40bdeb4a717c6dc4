package dev.jrdkafka.misuse;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The checks misuse cases make: an exception of a type with a message, or a call returning in time. */
final class Expect {
    private Expect() {}

    /** {@code body} throws a {@code type} whose message contains {@code messagePart}; returns it. */
    static <T extends Throwable> T thrown(Class<T> type, String messagePart, MisuseCase.Body body) {
        try {
            body.run();
        } catch (Throwable t) {
            if (!type.isInstance(t)) {
                throw new AssertionError("expected " + type.getName() + " (\"" + messagePart + "\"), got " + t, t);
            }
            String m = String.valueOf(t.getMessage());
            if (!m.contains(messagePart)) {
                throw new AssertionError("expected " + type.getSimpleName() + " with \"" + messagePart + "\", got: " + m, t);
            }
            return type.cast(t);
        }
        throw new AssertionError("expected " + type.getName() + " (\"" + messagePart + "\"), nothing thrown");
    }

    /** {@code body} returns normally within {@code bound}; returns the milliseconds it took. */
    static long within(Duration bound, String what, MisuseCase.Body body) throws Throwable {
        long start = System.nanoTime();
        body.run();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (ms > bound.toMillis()) throw new AssertionError(what + " took " + ms + " ms, bound " + bound.toMillis() + " ms");
        return ms;
    }

    static void check(boolean condition, String message) {
        if (!condition) throw new AssertionError(message);
    }

    /** Waits up to {@code bound} for {@code condition}; fails with {@code message} if it never holds. */
    static void eventually(Duration bound, String message, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - until > 0) throw new AssertionError(message);
            Thread.sleep(10);
        }
    }

    /** Starts {@code body} on a daemon thread (a racing caller); its failure, if any, is kept in the returned holder. */
    static Racer race(String name, MisuseCase.Body body) {
        Racer r = new Racer();
        r.thread = Thread.ofPlatform().daemon().name(name).start(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                r.failure = t;
            }
        });
        return r;
    }

    static final class Racer {
        volatile Thread thread;
        volatile Throwable failure;

        /** Joins the racer (bounded); fails if it is still running. */
        Throwable join(Duration bound) throws InterruptedException {
            thread.join(bound);
            if (thread.isAlive()) throw new AssertionError("racing thread " + thread.getName() + " still running after " + bound);
            return failure;
        }
    }
}
