package dev.jrdkafka.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * server.properties of a {@link KafkaCluster} node: every node a combined controller and
 * broker, a static voter set of all nodes (so any one may die and the other two keep a
 * quorum), replication 3 with {@code min.insync.replicas=2} for every topic the cluster
 * makes, including the internal ones, and short broker session timeouts so that a killed
 * or paused node is fenced within seconds.
 */
final class ClusterFiles {
    private ClusterFiles() {}

    static Map<String, String> defaults(int id, int[] brokerPorts, int[] controllerPorts, Path dataDir) {
        int nodes = brokerPorts.length;
        int replication = Math.min(3, nodes);
        String minIsr = Integer.toString(Math.min(2, replication));
        StringBuilder voters = new StringBuilder();
        for (int i = 0; i < nodes; i++) {
            if (i > 0) voters.append(',');
            voters.append(i + 1).append('@').append(BrokerFiles.HOST).append(':').append(controllerPorts[i]);
        }
        String host = BrokerFiles.HOST;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(id));
        p.put("controller.quorum.voters", voters.toString());
        p.put("listeners", "PLAINTEXT://" + host + ":" + brokerPorts[id - 1] + ",CONTROLLER://" + host + ":" + controllerPorts[id - 1]);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPorts[id - 1]);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("log.dirs", dataDir.toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", Integer.toString(replication));
        p.put("min.insync.replicas", minIsr);
        p.put("offsets.topic.replication.factor", Integer.toString(replication));
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", Integer.toString(replication));
        p.put("transaction.state.log.min.isr", minIsr);
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", Integer.toString(replication));
        p.put("share.coordinator.state.topic.min.isr", minIsr);
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("unclean.leader.election.enable", "false");
        // A dead or frozen node is fenced (and loses its leaderships) after 3 s, not 9 s.
        p.put("broker.session.timeout.ms", "3000");
        p.put("broker.heartbeat.interval.ms", "500");
        // A follower that stops fetching leaves the ISR after 5 s (default 30 s).
        p.put("replica.lag.time.max.ms", "5000");
        return p;
    }

    static Path write(Path file, Map<String, String> properties) throws IOException {
        Files.writeString(file, properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n")));
        return file;
    }
}
