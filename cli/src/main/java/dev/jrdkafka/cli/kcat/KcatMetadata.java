package dev.jrdkafka.cli.kcat;

import dev.jrdkafka.admin.Admin;
import dev.jrdkafka.cluster.ClusterMetadata;
import dev.jrdkafka.cluster.Node;
import dev.jrdkafka.cluster.PartitionInfo;
import dev.jrdkafka.cluster.TopicMetadata;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.KafkaError;
import java.io.PrintStream;
import java.time.Duration;
import java.util.stream.Collectors;

/** {@code -L}: the cluster's metadata, printed line for line as kcat prints it. */
final class KcatMetadata {
    private KcatMetadata() {}

    static int run(KcatOptions o, KafkaConfig config, java.io.OutputStream stdout, PrintStream err) throws java.io.IOException {
        String topic = o.topics.isEmpty() ? null : o.topics.getFirst();
        Duration timeout = Duration.ofSeconds(Math.max(1, o.metadataTimeoutSeconds));
        try (Admin admin = Admin.create(config, new KcatErrors(o, err))) {
            // The controller first: it waits for the client's first metadata, so the request below
            // goes to a broker by its id rather than to the bootstrap connection (-1).
            int controller;
            ClusterMetadata md;
            try {
                controller = admin.controllerId(timeout);
                md = topic == null ? admin.metadata(timeout) : admin.metadata(topic, timeout);
            } catch (dev.jrdkafka.KafkaException e) {
                throw new dev.jrdkafka.KafkaException(e.code(), "Failed to acquire metadata: " + e.getMessage()
                        + (e.error() == KafkaError._TRANSPORT || e.error() == KafkaError._TIMED_OUT
                        ? " (Are the brokers reachable? Also try increasing the metadata timeout with -m <timeout>?)" : ""));
            }
            if (o.json) {
                KcatOut json = new KcatOut(stdout, 1 << 16);
                json(md, topic, controller, json);
                json.flush();
                return 0;
            }
            PrintStream out = new PrintStream(stdout, false, java.nio.charset.StandardCharsets.UTF_8);
            out.printf("Metadata for %s (from broker %d: %s):%n", topic != null ? topic : "all topics", md.originBrokerId(),
                    md.originBrokerName());
            out.printf(" %d brokers:%n", md.brokers().size());
            for (Node b : md.brokers()) {
                out.printf("  broker %d at %s:%d%s%n", b.id(), b.host(), b.port(), b.id() == controller ? " (controller)" : "");
            }
            out.printf(" %d topics:%n", md.topics().size());
            for (TopicMetadata t : md.topics().values()) {
                out.printf("  topic \"%s\" with %d partitions:", t.name(), t.partitions().size());
                if (t.error() != KafkaError.NO_ERROR) {
                    out.print(" " + t.error().description());
                    if (t.error() == KafkaError.LEADER_NOT_AVAILABLE) out.print(" (try again)");
                }
                out.println();
                for (PartitionInfo p : t.partitions()) {
                    out.printf("    partition %d, leader %d, replicas: %s, isrs: %s", p.partition(), p.leader(),
                            csv(p.replicas()), csv(p.inSyncReplicas()));
                    out.println(p.error() != KafkaError.NO_ERROR ? ", " + p.error().description() : "");
                }
            }
            out.flush();
            return 0;
        }
    }

    /** kcat's -L -J object (no newline after it, as in kcat). */
    private static void json(ClusterMetadata md, String topic, int controller, KcatOut out) throws java.io.IOException {
        out.write('{');
        KcatJson.name("originating_broker", out);
        out.write('{');
        KcatJson.name("id", out);
        out.writeLong(md.originBrokerId());
        out.write(',');
        KcatJson.name("name", out);
        KcatJson.string(md.originBrokerName(), out);
        out.write('}');
        out.write(',');
        KcatJson.name("query", out);
        out.write('{');
        KcatJson.name("topic", out);
        KcatJson.string(topic == null ? "*" : topic, out);
        out.write('}');
        out.write(',');
        KcatJson.name("controllerid", out);
        out.writeLong(controller);
        out.write(',');
        KcatJson.name("brokers", out);
        out.write('[');
        boolean first = true;
        for (Node b : md.brokers()) {
            if (!first) out.write(',');
            first = false;
            out.write('{');
            KcatJson.name("id", out);
            out.writeLong(b.id());
            out.write(',');
            KcatJson.name("name", out);
            KcatJson.string(b.host() + ":" + b.port(), out);
            out.write('}');
        }
        out.write(']');
        out.write(',');
        KcatJson.name("topics", out);
        out.write('[');
        first = true;
        for (TopicMetadata t : md.topics().values()) {
            if (!first) out.write(',');
            first = false;
            out.write('{');
            KcatJson.name("topic", out);
            KcatJson.string(t.name(), out);
            out.write(',');
            if (t.error() != KafkaError.NO_ERROR) {
                KcatJson.name("error", out);
                KcatJson.string(t.error().description(), out);
                out.write(',');
            }
            KcatJson.name("partitions", out);
            out.write('[');
            boolean firstPartition = true;
            for (PartitionInfo p : t.partitions()) {
                if (!firstPartition) out.write(',');
                firstPartition = false;
                out.write('{');
                KcatJson.name("partition", out);
                out.writeLong(p.partition());
                out.write(',');
                if (p.error() != KafkaError.NO_ERROR) {
                    KcatJson.name("error", out);
                    KcatJson.string(p.error().description(), out);
                    out.write(',');
                }
                KcatJson.name("leader", out);
                out.writeLong(p.leader());
                out.write(',');
                ids("replicas", p.replicas(), out);
                out.write(',');
                ids("isrs", p.inSyncReplicas(), out);
                out.write('}');
            }
            out.write(']');
            out.write('}');
        }
        out.write(']');
        out.write('}');
    }

    private static void ids(String name, java.util.List<Integer> ids, KcatOut out) throws java.io.IOException {
        KcatJson.name(name, out);
        out.write('[');
        for (int i = 0; i < ids.size(); i++) {
            if (i > 0) out.write(',');
            out.write('{');
            KcatJson.name("id", out);
            out.writeLong(ids.get(i));
            out.write('}');
        }
        out.write(']');
    }

    private static String csv(java.util.List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
