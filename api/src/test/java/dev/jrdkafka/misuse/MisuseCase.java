package dev.jrdkafka.misuse;

/**
 * One misuse: what is done wrong ({@code id}), the outcome the library promises
 * ({@code expected}, as stated in the suite's report), and the code that does it and checks
 * that outcome (it throws an {@link AssertionError} if the outcome differs). Run in a forked
 * JVM by {@link MisuseSuiteTest}, bounded by {@code boundSeconds}.
 */
record MisuseCase(String id, String expected, int boundSeconds, Body body) {
    static final int DEFAULT_BOUND_SECONDS = 20;

    /** The misuse and its check. */
    @FunctionalInterface
    interface Body {
        void run() throws Throwable;
    }

    static MisuseCase of(String id, String expected, Body body) {
        return new MisuseCase(id, expected, DEFAULT_BOUND_SECONDS, body);
    }

    static MisuseCase of(String id, String expected, int boundSeconds, Body body) {
        return new MisuseCase(id, expected, boundSeconds, body);
    }
}
