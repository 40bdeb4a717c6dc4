package dev.jrdkafka.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class MockClusterTest {
    @Test
    void startsBrokersThatAcceptConnectionsOnLoopback() throws IOException {
        try (MockCluster cluster = MockCluster.start(3)) {
            String[] servers = cluster.bootstrapServers().split(",");
            assertEquals(3, servers.length, cluster.bootstrapServers());
            for (String server : servers) {
                String host = server.substring(0, server.lastIndexOf(':'));
                int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
                assertEquals("127.0.0.1", host);
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(host, port), 5_000);
                    assertTrue(s.isConnected());
                }
            }
        }
    }

    @Test
    void closeIsIdempotentAndLaterUseThrows() {
        MockCluster cluster = MockCluster.start(1);
        cluster.close();
        cluster.close();
        assertTrue(cluster.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, cluster::bootstrapServers);
        assertTrue(e.getMessage().contains("closed"));
    }

    @Test
    void refusesABrokerCountOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MockCluster.start(0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }
}
