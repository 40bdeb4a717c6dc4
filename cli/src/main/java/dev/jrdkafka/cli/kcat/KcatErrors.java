package dev.jrdkafka.cli.kcat;

import dev.jrdkafka.ClientListener;
import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import java.io.PrintStream;

/**
 * librdkafka's client-level errors as kcat reports them (its error_cb): a fatal error stops
 * the run; "all brokers down" is an error that ends the run unless -E; any other is printed
 * (verbosity 1 and up) and librdkafka retries. Called on the client's serving thread, read by
 * the main loop.
 */
final class KcatErrors implements ClientListener {
    private final KcatOptions o;
    private final PrintStream err;
    private volatile boolean stop;

    KcatErrors(KcatOptions o, PrintStream err) {
        this.o = o;
        this.err = err;
    }

    @Override
    public void onError(KafkaException e) {
        if (e.isFatal()) {
            err.println("% FATAL CLIENT ERROR: " + e.getMessage() + ": terminating");
            stop = true;
        } else if (e.error() == KafkaError._ALL_BROKERS_DOWN) {
            err.println("% ERROR: " + e.getMessage() + (o.continueOnError ? "" : ": terminating"));
            if (!o.continueOnError) stop = true;
        } else if (o.verbosity >= 1) {
            err.println("% ERROR: " + e.getMessage());
        }
    }

    /** Whether the run must end (exit status 1). */
    boolean stop() {
        return stop;
    }
}
