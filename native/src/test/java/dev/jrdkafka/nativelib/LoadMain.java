package dev.jrdkafka.nativelib;

/** Loads librdkafka in a forked JVM and prints the outcome, for {@link ForkedLoadTest}. */
public final class LoadMain {
    public static void main(String[] args) {
        try {
            LoadedLibrary lib = RdKafkaLibrary.load();
            System.out.println("LOADED " + lib.version() + " " + lib.origin() + " " + lib.path());
        } catch (NativeLibraryException e) {
            System.out.println("FAILED " + e.getMessage());
            for (Throwable s : e.getSuppressed()) System.out.println("SUPPRESSED " + s.getMessage());
            System.exit(3);
        }
    }
}
