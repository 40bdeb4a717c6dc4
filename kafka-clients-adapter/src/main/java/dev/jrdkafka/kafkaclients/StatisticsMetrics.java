package dev.jrdkafka.kafkaclients;

import dev.jrdkafka.Librdkafka;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kafka-clients metrics from librdkafka's statistics ({@code statistics.interval.ms} JSON,
 * delivered to {@link #onStats}). Each metric reads the latest snapshot, so a reporter that
 * polls {@code metrics()} (Micrometer's {@code KafkaClientMetrics}) sees values refreshed at
 * the statistics interval. Rates are per second between the last two snapshots. Only metrics
 * with a librdkafka counterpart exist; the module README lists them.
 */
final class StatisticsMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(StatisticsMetrics.class);

    /** One statistics snapshot, reduced to the numbers the metrics need. */
    record Snapshot(double ts, double txmsgs, double txmsgBytes, double rxmsgs, double rxmsgBytes, double tx, double txBytes,
                    double rx, double rxBytes, double rttAvgMs, double rttMaxMs, double queueAvgMs, double queueMaxMs,
                    double throttleAvgMs, double lagMax, double msgSize, double msgSizeMax, double rebalances,
                    double assigned) {
        static final Snapshot EMPTY = new Snapshot(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private final Map<MetricName, Metric> metrics = new LinkedHashMap<>();
    /** The last two snapshots, {previous, last}, replaced together. */
    private volatile Snapshot[] window = {Snapshot.EMPTY, Snapshot.EMPTY};

    StatisticsMetrics(ConfigTranslator.Role role, String clientId) {
        Map<String, String> tags = Map.of("client-id", clientId);
        String client = role == ConfigTranslator.Role.PRODUCER ? "producer-metrics"
                : role == ConfigTranslator.Role.CONSUMER ? "consumer-metrics" : "admin-client-metrics";
        total(client, "request-total", tags, Snapshot::tx);
        rate(client, "request-rate", tags, Snapshot::tx);
        total(client, "response-total", tags, Snapshot::rx);
        rate(client, "response-rate", tags, Snapshot::rx);
        total(client, "outgoing-byte-total", tags, Snapshot::txBytes);
        rate(client, "outgoing-byte-rate", tags, Snapshot::txBytes);
        total(client, "incoming-byte-total", tags, Snapshot::rxBytes);
        rate(client, "incoming-byte-rate", tags, Snapshot::rxBytes);
        gauge(client, "request-latency-avg", tags, Snapshot::rttAvgMs);
        gauge(client, "request-latency-max", tags, Snapshot::rttMaxMs);
        if (role == ConfigTranslator.Role.PRODUCER) {
            total(client, "record-send-total", tags, Snapshot::txmsgs);
            rate(client, "record-send-rate", tags, Snapshot::txmsgs);
            gauge(client, "record-queue-time-avg", tags, Snapshot::queueAvgMs);
            gauge(client, "record-queue-time-max", tags, Snapshot::queueMaxMs);
            gauge(client, "produce-throttle-time-avg", tags, Snapshot::throttleAvgMs);
            gauge(client, "buffer-total-bytes", tags, Snapshot::msgSizeMax);
            gauge(client, "buffer-available-bytes", tags, s -> s.msgSizeMax() - s.msgSize());
        } else if (role == ConfigTranslator.Role.CONSUMER) {
            String fetch = "consumer-fetch-manager-metrics";
            total(fetch, "records-consumed-total", tags, Snapshot::rxmsgs);
            rate(fetch, "records-consumed-rate", tags, Snapshot::rxmsgs);
            total(fetch, "bytes-consumed-total", tags, Snapshot::rxmsgBytes);
            rate(fetch, "bytes-consumed-rate", tags, Snapshot::rxmsgBytes);
            gauge(fetch, "records-lag-max", tags, Snapshot::lagMax);
            gauge(fetch, "fetch-throttle-time-avg", tags, Snapshot::throttleAvgMs);
            String coordinator = "consumer-coordinator-metrics";
            total(coordinator, "rebalance-total", tags, Snapshot::rebalances);
            gauge(coordinator, "assigned-partitions", tags, Snapshot::assigned);
        }
        String version = "jrdkafka (librdkafka " + librdkafkaVersion() + ")";
        put(new MetricName("version", "app-info", "jrdkafka and librdkafka version", tags), () -> version);
    }

    private static String librdkafkaVersion() {
        try {
            return Librdkafka.version();
        } catch (RuntimeException | LinkageError e) {
            return "unknown";
        }
    }

    Map<MetricName, ? extends Metric> metrics() {
        return Collections.unmodifiableMap(metrics);
    }

    /** The ClientListener hook: parses one statistics JSON. Never throws (runs in librdkafka's callback). */
    void onStats(String json) {
        try {
            Snapshot s = reduce(json);
            Snapshot prev = window[1];
            if (s.rttAvgMs() == 0 && s.queueAvgMs() == 0) {
                // librdkafka's latency windows are per interval: an idle interval keeps the last measured latency
                s = new Snapshot(s.ts(), s.txmsgs(), s.txmsgBytes(), s.rxmsgs(), s.rxmsgBytes(), s.tx(), s.txBytes(), s.rx(),
                        s.rxBytes(), prev.rttAvgMs(), prev.rttMaxMs(), prev.queueAvgMs(), prev.queueMaxMs(), s.throttleAvgMs(),
                        s.lagMax(), s.msgSize(), s.msgSizeMax(), s.rebalances(), s.assigned());
            }
            window = new Snapshot[] {prev, s};
        } catch (RuntimeException e) {
            LOG.warn("cannot read librdkafka statistics: {}", e.toString());
        }
    }

    @SuppressWarnings("unchecked")
    static Snapshot reduce(String json) {
        Map<String, Object> root = (Map<String, Object>) Json.parse(json);
        double rttSum = 0, rttN = 0, rttMax = 0, qSum = 0, qN = 0, qMax = 0, thSum = 0, thN = 0;
        Object brokers = root.get("brokers");
        if (brokers instanceof Map<?, ?> bm) {
            for (Object b : bm.values()) {
                Map<String, Object> broker = (Map<String, Object>) b;
                if (num(broker, "nodeid") < 0) continue; // bootstrap and logical brokers
                Map<String, Object> rtt = window(broker, "rtt");
                if (num(rtt, "cnt") > 0) {
                    rttSum += num(rtt, "avg");
                    rttN++;
                    rttMax = Math.max(rttMax, num(rtt, "max"));
                }
                Map<String, Object> q = window(broker, "int_latency");
                if (num(q, "cnt") > 0) {
                    qSum += num(q, "avg");
                    qN++;
                    qMax = Math.max(qMax, num(q, "max"));
                }
                Map<String, Object> th = window(broker, "throttle");
                if (num(th, "cnt") > 0) {
                    thSum += num(th, "avg");
                    thN++;
                }
            }
        }
        double lagMax = 0;
        Object topics = root.get("topics");
        if (topics instanceof Map<?, ?> tm) {
            for (Object t : tm.values()) {
                Object parts = ((Map<String, Object>) t).get("partitions");
                if (!(parts instanceof Map<?, ?> pm)) continue;
                for (Object p : pm.values()) {
                    Map<String, Object> part = (Map<String, Object>) p;
                    if (num(part, "partition") < 0) continue; // the UA partition
                    lagMax = Math.max(lagMax, num(part, "consumer_lag"));
                }
            }
        }
        Map<String, Object> cgrp = root.get("cgrp") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        return new Snapshot(num(root, "ts"), num(root, "txmsgs"), num(root, "txmsg_bytes"), num(root, "rxmsgs"),
                num(root, "rxmsg_bytes"), num(root, "tx"), num(root, "tx_bytes"), num(root, "rx"), num(root, "rx_bytes"),
                rttN == 0 ? 0 : rttSum / rttN / 1000, rttMax / 1000, qN == 0 ? 0 : qSum / qN / 1000, qMax / 1000,
                thN == 0 ? 0 : thSum / thN, lagMax, num(root, "msg_size"), num(root, "msg_size_max"),
                num(cgrp, "rebalance_cnt"), num(cgrp, "assignment_size"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> window(Map<String, Object> broker, String name) {
        return broker.get(name) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static double num(Map<String, Object> m, String key) {
        return m.get(key) instanceof Double d ? d : 0;
    }

    private void total(String group, String name, Map<String, String> tags, ToDoubleFunction<Snapshot> f) {
        put(new MetricName(name, group, "librdkafka statistics", tags), () -> f.applyAsDouble(window[1]));
    }

    private void gauge(String group, String name, Map<String, String> tags, ToDoubleFunction<Snapshot> f) {
        total(group, name, tags, f);
    }

    private void rate(String group, String name, Map<String, String> tags, ToDoubleFunction<Snapshot> f) {
        put(new MetricName(name, group, "per second, librdkafka statistics", tags), () -> {
            Snapshot[] w = window;
            Snapshot now = w[1], before = w[0];
            double seconds = (now.ts() - before.ts()) / 1e6;
            if (before == Snapshot.EMPTY || seconds <= 0) return 0.0;
            return Math.max(0, (f.applyAsDouble(now) - f.applyAsDouble(before)) / seconds);
        });
    }

    private void put(MetricName name, java.util.function.Supplier<Object> value) {
        metrics.put(name, new Metric() {
            @Override
            public MetricName metricName() {
                return name;
            }

            @Override
            public Object metricValue() {
                return value.get();
            }
        });
    }

    static List<String> names(Map<MetricName, ? extends Metric> metrics) {
        return metrics.keySet().stream().map(n -> n.group() + "/" + n.name()).toList();
    }
}
