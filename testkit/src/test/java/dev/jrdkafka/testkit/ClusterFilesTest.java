package dev.jrdkafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cluster's node configuration, without starting a broker (the cluster itself: integration-tests' ClusterFaultsIT). */
class ClusterFilesTest {
    private static final int[] BROKERS = {9001, 9002, 9003};
    private static final int[] CONTROLLERS = {9101, 9102, 9103};

    @Test
    void everyNodeIsAVoterAndReplicationIsThreeWithMinIsrTwo() {
        Map<String, String> p = ClusterFiles.defaults(2, BROKERS, CONTROLLERS, Path.of("/tmp/x"));
        assertEquals("2", p.get("node.id"));
        assertEquals("broker,controller", p.get("process.roles"));
        assertEquals("1@127.0.0.1:9101,2@127.0.0.1:9102,3@127.0.0.1:9103", p.get("controller.quorum.voters"));
        assertEquals("PLAINTEXT://127.0.0.1:9002,CONTROLLER://127.0.0.1:9102", p.get("listeners"));
        assertEquals("PLAINTEXT://127.0.0.1:9002", p.get("advertised.listeners"));
        for (String key : new String[] {"default.replication.factor", "offsets.topic.replication.factor",
                "transaction.state.log.replication.factor"}) {
            assertEquals("3", p.get(key), key);
        }
        assertEquals("2", p.get("min.insync.replicas"));
        assertEquals("2", p.get("transaction.state.log.min.isr"));
        assertEquals("false", p.get("unclean.leader.election.enable"));
    }

    @Test
    void aSmallerClusterShrinksReplicationToFit() {
        Map<String, String> p = ClusterFiles.defaults(1, new int[] {9001}, new int[] {9101}, Path.of("/tmp/x"));
        assertEquals("1", p.get("default.replication.factor"));
        assertEquals("1", p.get("min.insync.replicas"));
    }

    @Test
    void builderRefusesImpossibleSizes() {
        assertThrows(IllegalArgumentException.class, () -> KafkaCluster.builder().nodes(0));
        assertThrows(IllegalArgumentException.class, () -> KafkaCluster.builder().nodes(10));
    }
}
