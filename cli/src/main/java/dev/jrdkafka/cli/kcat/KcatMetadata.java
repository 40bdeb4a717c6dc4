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
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private KcatMetadata() {}

    static int run(KcatOptions o, KafkaConfig config, PrintStream out) {
        String topic = o.topics.isEmpty() ? null : o.topics.getFirst();
        try (Admin admin = Admin.create(config)) {
            // The controller first: it waits for the client's first metadata, so the request below
            // goes to a broker by its id rather than to the bootstrap connection (-1).
            int controller = admin.controllerId(TIMEOUT);
            ClusterMetadata md = topic == null ? admin.metadata(TIMEOUT) : admin.metadata(topic, TIMEOUT);
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

    private static String csv(java.util.List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
