package dev.jrdkafka.internal.client;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * librdkafka's log lines to SLF4J: one logger per facility under {@value #PREFIX} (e.g.
 * {@code librdkafka.BROKER}), syslog levels mapped as 0-3 → ERROR, 4 → WARN, 5-6 → INFO,
 * 7 → DEBUG. Which lines librdkafka produces is set by its own {@code log_level} and
 * {@code debug} properties; SLF4J then filters by logger and level as usual.
 */
public final class LibrdkafkaLog {
    public static final String PREFIX = "librdkafka";
    private static final ConcurrentMap<String, Logger> LOGGERS = new ConcurrentHashMap<>();

    private LibrdkafkaLog() {}

    public static void log(String client, int level, String facility, String message) {
        Logger logger = LOGGERS.computeIfAbsent(facility == null ? "LOG" : facility,
                f -> LoggerFactory.getLogger(PREFIX + "." + f));
        if (level <= 3) {
            logger.error("[{}] {}", client, message);
        } else if (level == 4) {
            logger.warn("[{}] {}", client, message);
        } else if (level <= 6) {
            logger.info("[{}] {}", client, message);
        } else {
            logger.debug("[{}] {}", client, message);
        }
    }
}
