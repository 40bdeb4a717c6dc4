package dev.jrdkafka.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.internal.rd.mock.RdMockCluster;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        e = assertThrows(IllegalArgumentException.class, () -> MockCluster.start(101));
        assertTrue(e.getMessage().contains("got 101"), e.getMessage());
    }

    @Test
    void describesItsBrokersAndHost() {
        try (MockCluster cluster = MockCluster.start(3)) {
            assertEquals(3, cluster.brokerCount());
            assertEquals(List.of(1, 2, 3), cluster.brokerIds());
            MockBroker two = cluster.broker(2);
            assertEquals(2, two.id());
            assertEquals(cluster, two.cluster());
            assertEquals(two, cluster.broker(2));
            assertEquals(two.hashCode(), cluster.broker(2).hashCode());
            assertNotEquals(two, cluster.broker(3));
            assertEquals("MockBroker[2]", two.toString());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cluster.broker(4));
            assertTrue(e.getMessage().contains("no broker 4"), e.getMessage());
            assertTrue(cluster.hostClientName().startsWith("rdkafka#producer-"), cluster.hostClientName());
            assertFalse(cluster.isClosed());
            assertEquals("MockCluster[3 brokers at " + cluster.bootstrapServers() + "]", cluster.toString());
            cluster.close();
            assertTrue(cluster.toString().endsWith(", closed]"), cluster.toString());
        }
    }

    /** Every public method of MockCluster and MockBroker, called with valid arguments after close. */
    @Test
    void everyMethodThrowsIllegalStateAfterClose() throws Exception {
        MockCluster cluster = MockCluster.start(2);
        MockBroker broker = cluster.broker(1);
        cluster.close();
        Set<String> allowed = Set.of("close", "isClosed", "toString", "equals", "hashCode", "getClass", "notify",
                "notifyAll", "wait", "id", "cluster");
        List<String> called = new ArrayList<>();
        for (Object target : List.of(cluster, broker)) {
            for (Method m : target.getClass().getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) || Modifier.isStatic(m.getModifiers()) || allowed.contains(m.getName())) {
                    continue;
                }
                Object[] args = sampleArguments(m.getParameterTypes());
                try {
                    m.invoke(target, args);
                    fail(m + " did not throw after close");
                } catch (InvocationTargetException e) {
                    assertEquals(IllegalStateException.class, e.getCause().getClass(), m + " threw " + e.getCause());
                }
                called.add(m.getName());
            }
        }
        assertTrue(called.size() >= 40, "methods checked: " + called);
    }

    private static Object[] sampleArguments(Class<?>[] types) {
        Object[] args = new Object[types.length];
        int strings = 0;
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            if (t == int.class) args[i] = i == 0 ? 1 : 0;
            else if (t == long.class) args[i] = 0L;
            else if (t == boolean.class) args[i] = true;
            else if (t == String.class) args[i] = strings++ == 0 ? "topic" : "value";
            else if (t == Duration.class) args[i] = Duration.ofMillis(100);
            else if (t == ApiKey.class) args[i] = ApiKey.PRODUCE;
            else if (t == KafkaError.class) args[i] = KafkaError.NO_ERROR;
            else if (t == KafkaError[].class) args[i] = new KafkaError[] {KafkaError.NO_ERROR};
            else if (t == RequestError[].class) args[i] = new RequestError[] {RequestError.of(KafkaError.NO_ERROR)};
            else if (t == List.class) args[i] = List.of("");
            else if (t == TargetAssignment.class) args[i] = TargetAssignment.builder().assign("m", "t", 0).build();
            else throw new AssertionError("no sample for " + t);
        }
        return args;
    }

    @Test
    void concurrentCallsAndCloseFailCleanly() throws Exception {
        for (int round = 0; round < 3; round++) {
            MockCluster cluster = MockCluster.start(3);
            cluster.startRequestTracking();
            ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
            CountDownLatch started = new CountDownLatch(4);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int n = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    started.countDown();
                    for (int i = 0; ; i++) {
                        try {
                            switch ((n + i) % 4) {
                                case 0 -> cluster.createTopic("t" + n + "-" + i, 2, 1);
                                case 1 -> cluster.requests();
                                case 2 -> cluster.broker(1 + i % 3).setRtt(Duration.ZERO);
                                default -> cluster.broker(2).pendingRequestErrors(ApiKey.PRODUCE);
                            }
                        } catch (IllegalStateException closed) {
                            return;
                        } catch (Throwable other) {
                            unexpected.add(other);
                            return;
                        }
                    }
                }));
            }
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Thread.sleep(20);
            cluster.close();
            for (Thread thread : threads) thread.join(10_000);
            assertTrue(unexpected.isEmpty(), "unexpected: " + unexpected);
        }
    }

    /** The internal form the client classes will use for test.mock.num.brokers clients. */
    @Test
    void borrowsTheMockClusterOfAClient() {
        try (RawClient withMock = RawClient.producer("", "test.mock.num.brokers", "2");
             RawClient without = RawClient.producer("127.0.0.1:1")) {
            RdMockCluster borrowed = RdMockCluster.borrow(withMock.handle());
            assertNotNull(borrowed);
            assertFalse(borrowed.owned());
            assertEquals(2, borrowed.bootstraps().split(",").length, borrowed.bootstraps());
            assertTrue(borrowed.hostName().startsWith("rdkafka#producer-"), borrowed.hostName());
            borrowed.destroy(); // detaches only: the client still uses its cluster
            assertThrows(IllegalStateException.class, borrowed::bootstraps);
            assertEquals(2, withMock.metadata(Duration.ofSeconds(10)).brokers().size());
            assertNull(RdMockCluster.borrow(without.handle()));
        }
    }
}
