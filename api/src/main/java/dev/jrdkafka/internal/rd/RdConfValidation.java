package dev.jrdkafka.internal.rd;

import static dev.jrdkafka.bindings.rdkafka_h.RD_KAFKA_CONF_OK;
import static dev.jrdkafka.bindings.rdkafka_h.RD_KAFKA_CONF_UNKNOWN;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_conf_destroy;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_conf_get;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_conf_new;
import static dev.jrdkafka.bindings.rdkafka_h.rd_kafka_conf_set;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;

/**
 * Checks configuration properties the way librdkafka will see them: each one is set on a
 * scratch {@code rd_kafka_conf_t} ({@code rd_kafka_conf_new}, {@code rd_kafka_conf_set},
 * {@code rd_kafka_conf_destroy}). {@code rd_kafka_conf_set} on a global configuration falls
 * through to the default topic configuration, so topic-level properties ({@code acks},
 * {@code partitioner}, {@code message.timeout.ms}…) are accepted too.
 *
 * <p>What this cannot see: checks librdkafka makes only when a client is created (for example
 * {@code transactional.id} needing {@code enable.idempotence}, or the format of
 * {@code partition.assignment.strategy}).
 *
 * <p>An instance owns one scratch configuration for a batch of checks and is confined to one
 * thread; {@link #check(String, String, String)} is the one-shot form.
 */
public final class RdConfValidation implements AutoCloseable {
    private static final int ERRSTR_SIZE = 2048;

    /** librdkafka's verdict on one property. */
    public enum Status {
        OK,
        /** No such property (librdkafka's {@code RD_KAFKA_CONF_UNKNOWN}). */
        UNKNOWN,
        /** Known property, refused value ({@code RD_KAFKA_CONF_INVALID}), or not settable as a string. */
        INVALID
    }

    /** A verdict and, unless OK, the reason (librdkafka's errstr where it gave one). */
    public record Result(Status status, String message) {
        public boolean ok() {
            return status == Status.OK;
        }
    }

    /**
     * Properties that are not strings: callbacks and pointers ({@code _RK_C_PTR}) that
     * librdkafka only takes through dedicated {@code rd_kafka_conf_set_..()} functions, and
     * internal ones ({@code _RK_C_INTERNAL}). From librdkafka 2.15.0 {@code src/rdkafka_conf.c}:
     * {@code grep -E '_RK_C_(PTR|INTERNAL)'}. librdkafka itself refuses most of them with
     * "must be set through dedicated .._set_..() function", but not the hidden
     * {@code ut_handle_ProduceResponse}, which would store the string's address as a function
     * pointer; all are refused here before librdkafka sees them.
     */
    public static final Set<String> NOT_STRING_PROPERTIES = Set.of(
            // _RK_C_PTR, global
            "error_cb", "throttle_cb", "stats_cb", "log_cb", "background_event_cb", "socket_cb",
            "connect_cb", "closesocket_cb", "open_cb", "resolve_cb", "opaque", "default_topic_conf",
            "ssl_engine_callback_data", "ssl.certificate.verify_cb", "oauthbearer_token_refresh_cb",
            "ut_handle_ProduceResponse", "consume_cb", "rebalance_cb", "offset_commit_cb", "dr_cb",
            "dr_msg_cb",
            // _RK_C_PTR, topic
            "partitioner_cb", "msg_order_cmp",
            // _RK_C_INTERNAL
            "ssl_key", "ssl_certificate", "ssl_ca", "interceptors");

    /**
     * Java client property names librdkafka knows only to refuse them with advice
     * ({@code _RK_C_INVALID} in {@code src/rdkafka_conf.c}): for a Java user they are as unknown
     * as any other kafka-clients-only key, though {@code rd_kafka_conf_set} says INVALID.
     */
    public static final Set<String> JAVA_CLIENT_ONLY_PROPERTIES = Set.of("ssl.truststore.location", "sasl.jaas.config");

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment conf;
    private final MemorySegment errstr;
    private boolean closed;

    private RdConfValidation(String pluginLibraryPaths) {
        Rd.library();
        errstr = arena.allocate(ERRSTR_SIZE);
        conf = rd_kafka_conf_new();
        if (pluginLibraryPaths != null && !pluginLibraryPaths.isEmpty()) {
            // Plugins add their own properties (through interceptors) to the configuration
            // that loaded them; without this they would look unknown. A failure here was
            // already reported when plugin.library.paths itself was set.
            set("plugin.library.paths", pluginLibraryPaths);
        }
    }

    /**
     * A scratch configuration for a batch of checks; close it. {@code pluginLibraryPaths}
     * (nullable): the value of {@code plugin.library.paths} to load first, so that the
     * plugins' own properties are known.
     */
    public static RdConfValidation open(String pluginLibraryPaths) {
        return new RdConfValidation(pluginLibraryPaths);
    }

    /** One check on a fresh scratch configuration. */
    public static Result check(String pluginLibraryPaths, String key, String value) {
        try (RdConfValidation v = open(pluginLibraryPaths)) {
            return v.check(key, value);
        }
    }

    /**
     * Sets {@code key} to {@code value} on the scratch configuration and reports librdkafka's
     * verdict. On top of librdkafka's checks, a number librdkafka would read differently from
     * what was written is refused: librdkafka parses integers with {@code (int) strtol(v, &end, 0)}
     * and ignores what follows, so {@code "5s"} would be 5, {@code "010"} 8 (octal),
     * {@code "1e6"} 1 and {@code "4294967301"} 5 (wrapped to 32 bits).
     */
    public Result check(String key, String value) {
        if (closed) throw new IllegalStateException("closed");
        if (NOT_STRING_PROPERTIES.contains(key)) {
            return new Result(Status.INVALID, "\"" + key + "\" is not a string property: librdkafka takes it only"
                    + " through a dedicated rd_kafka_conf_set_..() function (jrdkafka's clients install their own"
                    + " callbacks)");
        }
        int rc = set(key, value);
        if (rc == RD_KAFKA_CONF_OK()) {
            String misread = misread(value, readBack(key));
            return misread == null ? new Result(Status.OK, null) : new Result(Status.INVALID, misread);
        }
        String message = errstr.getString(0).strip();
        return new Result(rc == RD_KAFKA_CONF_UNKNOWN() ? Status.UNKNOWN : Status.INVALID, message);
    }

    private int set(String key, String value) {
        errstr.set(ValueLayout.JAVA_BYTE, 0, (byte) 0);
        try (Arena call = Arena.ofConfined()) {
            return rd_kafka_conf_set(conf, call.allocateFrom(key), call.allocateFrom(value), errstr, ERRSTR_SIZE);
        }
    }

    /** rd_kafka_conf_get (global, then default topic configuration); null if it has no value. */
    private String readBack(String key) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment name = call.allocateFrom(key);
            MemorySegment size = call.allocate(ValueLayout.JAVA_LONG);
            if (rd_kafka_conf_get(conf, name, MemorySegment.NULL, size) != RD_KAFKA_CONF_OK()) return null;
            MemorySegment dest = call.allocate(size.get(ValueLayout.JAVA_LONG, 0));
            if (rd_kafka_conf_get(conf, name, dest, size) != RD_KAFKA_CONF_OK()) return null;
            return dest.getString(0);
        }
    }

    /**
     * Null if librdkafka read {@code given} as written; otherwise why not. Only for values
     * that start like a number and read back as a number (integer and float properties);
     * strings read back unchanged, booleans and enums as words.
     */
    static String misread(String given, String readBack) {
        if (readBack == null) return null;
        String t = given.strip();
        if (t.equals(readBack) || !t.matches("[+-]?[0-9.].*")) return null;
        BigDecimal read = number(readBack);
        if (read == null) return null;
        BigDecimal written = number(t);
        if (written == null) {
            return "librdkafka would read \"" + t + "\" as " + readBack + " (it ignores what follows the number);"
                    + " give a plain number";
        }
        double w = written.doubleValue();
        double r = read.doubleValue();
        // %g shows 6 significant digits for float properties.
        if (Math.abs(w - r) <= 1e-5 * Math.max(Math.abs(w), Math.abs(r))) return null;
        return "librdkafka would read \"" + t + "\" as " + readBack
                + (t.matches("[+-]?0[0-9]+") ? " (a leading 0 means octal)" : "")
                + (t.matches("[+-]?[0-9]+") && t.length() > 9 ? " (it keeps 32 bits)" : "");
    }

    private static BigDecimal number(String s) {
        try {
            if (s.matches("[+-]?0[xX][0-9a-fA-F]+")) {
                boolean negative = s.startsWith("-");
                String digits = s.substring(s.indexOf('x') > 0 ? s.indexOf('x') + 1 : s.indexOf('X') + 1);
                BigInteger v = new BigInteger(digits, 16);
                return new BigDecimal(negative ? v.negate() : v);
            }
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        rd_kafka_conf_destroy(conf);
        arena.close();
    }
}
