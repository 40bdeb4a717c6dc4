package dev.jrdkafka.parity;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.KafkaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.protocol.Errors;

/**
 * How each client failed, as a short deterministic name (kafka-clients: the exception's
 * simple class name; jrdkafka: the {@link KafkaError} name), and whether the two correspond:
 * a broker error code corresponds to the exception kafka-clients maps the same wire code to
 * ({@link Errors#forCode}); librdkafka's local errors correspond by {@link #LOCAL}.
 */
record ErrorOutcome(String kafkaClients, String jrdkafka) {
    /** librdkafka's local (negative) errors and the kafka-clients exception of the same meaning. */
    static final Map<KafkaError, String> LOCAL = Map.of(
            KafkaError._UNKNOWN_TOPIC, "UnknownTopicOrPartitionException",
            KafkaError._UNKNOWN_PARTITION, "UnknownTopicOrPartitionException",
            KafkaError._AUTHENTICATION, "SaslAuthenticationException",
            KafkaError._SSL, "SslAuthenticationException",
            KafkaError._MSG_TIMED_OUT, "TimeoutException",
            KafkaError._TIMED_OUT, "TimeoutException");

    static final String NO_ERROR = "no error";

    static Throwable unwrap(Throwable t) {
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) t = t.getCause();
        return t;
    }

    static String kafkaClients(Throwable t) {
        return t == null ? NO_ERROR : unwrap(t).getClass().getSimpleName();
    }

    static String jrdkafka(Throwable t) {
        if (t == null) return NO_ERROR;
        Throwable u = unwrap(t);
        if (u instanceof KafkaException k) return k.error() != null ? k.error().name() : "code " + k.code();
        return u.getClass().getSimpleName();
    }

    /** The kafka-clients exception that corresponds to jrdkafka's outcome. */
    String expectedKafkaClients() {
        if (jrdkafka.equals(NO_ERROR)) return NO_ERROR;
        KafkaError e;
        try {
            e = KafkaError.valueOf(jrdkafka);
        } catch (IllegalArgumentException notAnError) {
            return "?";
        }
        if (e.code() > 0) return Errors.forCode((short) e.code()).exception().getClass().getSimpleName();
        return LOCAL.getOrDefault(e, "?");
    }

    boolean corresponds() {
        return expectedKafkaClients().equals(kafkaClients);
    }

    /**
     * The documented row of {@code scenario} in PARITY.md's error table:
     * {@code | scenario | `kafka-clients` | `jrdkafka` | yes/no ... |}.
     */
    static String[] documentedRow(String scenario) throws IOException {
        Path parity = Path.of(System.getProperty("jrdkafka.test.rootDir", "..")).resolve("PARITY.md");
        for (String line : Files.readAllLines(parity)) {
            String[] cells = line.split("\\|");
            if (cells.length >= 5 && cells[1].strip().equals(scenario)) {
                return new String[] {clean(cells[2]), clean(cells[3]), clean(cells[4])};
            }
        }
        throw new AssertionError("PARITY.md has no error-table row for '" + scenario + "'");
    }

    private static String clean(String cell) {
        return cell.strip().replace("`", "");
    }
}
