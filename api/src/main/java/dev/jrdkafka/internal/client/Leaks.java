package dev.jrdkafka.internal.client;

import java.lang.ref.Cleaner;
import org.slf4j.Logger;

/**
 * The leak report every client kind shares: one Cleaner thread for all clients, and the
 * action it runs when a facade becomes unreachable unclosed (a WARN with where the client
 * was created, then the kind's own close, run without user callbacks).
 */
public final class Leaks {
    private static final Cleaner CLEANER = Cleaner.create(Thread.ofPlatform().daemon().name("jrdkafka-cleaner").factory());

    /** What a client kind tells the report about itself. */
    public interface Client {
        String kind();

        String name();

        Logger log();

        boolean isClosed();

        /** Marks the client as leaked (its core then runs no user callbacks), before {@code closeOnLeak}. */
        void markLeaked();
    }

    private Leaks() {}

    /**
     * Registers {@code facade}: if it becomes unreachable unclosed, the leak is reported and
     * {@code closeOnLeak} runs on the Cleaner thread. Neither argument may reference the facade.
     */
    public static Cleaner.Cleanable register(Object facade, Client client, Runnable closeOnLeak) {
        return CLEANER.register(facade, new Report(client, closeOnLeak,
                new Throwable("the " + client.kind() + " was created here")));
    }

    private record Report(Client client, Runnable closeOnLeak, Throwable createdAt) implements Runnable {
        @Override
        public void run() {
            if (client.isClosed()) return;
            client.markLeaked();
            client.log().warn("a {} ({}) was garbage-collected without close(); closing it now, without calling its "
                    + "listeners. Always close clients (try-with-resources).", client.kind(), client.name(), createdAt);
            try {
                closeOnLeak.run();
            } catch (Throwable t) {
                client.log().error("closing the leaked {} {} failed", client.kind(), client.name(), t);
            }
        }
    }
}
