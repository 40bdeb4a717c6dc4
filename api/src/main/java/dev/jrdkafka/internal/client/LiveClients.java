package dev.jrdkafka.internal.client;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The names of the clients of this JVM whose librdkafka handle is not destroyed yet (for leak checks and tests). */
public final class LiveClients {
    private static final Set<String> NAMES = ConcurrentHashMap.newKeySet();

    private LiveClients() {}

    public static void add(String name) {
        NAMES.add(name);
    }

    public static void remove(String name) {
        NAMES.remove(name);
    }

    public static boolean isLive(String name) {
        return NAMES.contains(name);
    }

    /** How many clients are live now (for leak checks). */
    public static int count() {
        return NAMES.size();
    }

}
