package dev.jrdkafka.mock;

import dev.jrdkafka.internal.rd.mock.RdMockBrokers;
import dev.jrdkafka.internal.rd.mock.RdMockErrors;
import java.time.Duration;

/**
 * One broker of a {@link MockCluster}, by id: a light handle, valid while the broker exists
 * (a decommissioned broker's methods throw {@link IllegalArgumentException}) and its
 * cluster is open ({@link IllegalStateException} after close). Thread-safe.
 */
public final class MockBroker {
    private final MockCluster cluster;
    private final int id;

    MockBroker(MockCluster cluster, int id) {
        this.cluster = cluster;
        this.id = id;
    }

    /** The broker id (node id in Metadata). */
    public int id() {
        return id;
    }

    /** The cluster this broker belongs to. */
    public MockCluster cluster() {
        return cluster;
    }

    /**
     * Takes the broker down: its client connections are closed and new ones refused. Its
     * partitions keep it as leader (no leader election), so clients retry until it is
     * {@linkplain #setUp() up} again or leadership is moved.
     */
    public void setDown() {
        cluster.onBroker(id, c -> {
            RdMockBrokers.setDown(c, id);
            return null;
        });
    }

    /** Brings the broker back up, accepting connections on the same port. */
    public void setUp() {
        cluster.onBroker(id, c -> {
            RdMockBrokers.setUp(c, id);
            return null;
        });
    }

    /** Delays each of the broker's responses by {@code rtt}, as a slow network would (0 for none). */
    public void setRtt(Duration rtt) {
        cluster.onBroker(id, c -> {
            RdMockBrokers.setRtt(c, id, Arguments.millis(rtt, "rtt", 0));
            return null;
        });
    }

    /** Sets the rack Metadata reports for the broker ({@code broker.rack}), e.g. for rack-aware clients. */
    public void setRack(String rack) {
        cluster.onBroker(id, c -> {
            RdMockBrokers.setRack(c, id, Arguments.name(rack, "rack"));
            return null;
        });
    }

    /**
     * Changes the host and port Metadata advertises for the broker (its listener stays
     * where it is), e.g. to make clients connect to a proxy or to an unreachable address.
     */
    public void setAdvertisedAddress(String host, int port) {
        cluster.onBroker(id, c -> {
            Arguments.name(host, "host");
            if (host.length() > 127) throw new IllegalArgumentException("host must be at most 127 characters, got " + host.length());
            if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be 1 to 65535, got " + port);
            RdMockBrokers.setHostPort(c, id, host, port);
            return null;
        });
    }

    /**
     * Makes this broker answer its next {@code responses.length} requests of type
     * {@code apiKey} with these errors and delays, in order. These are used before errors
     * pushed cluster-wide with {@link MockCluster#pushRequestErrors}.
     */
    public void pushRequestErrors(ApiKey apiKey, RequestError... responses) {
        cluster.requireOpen(); // a closed cluster says so before any argument complaint
        pushRequestErrors(Arguments.notNull(apiKey, "apiKey").code(), responses);
    }

    /** {@link #pushRequestErrors(ApiKey, RequestError...)} for any ApiKey number. */
    public void pushRequestErrors(int apiKey, RequestError... responses) {
        cluster.onBroker(id, c -> {
            short key = Arguments.apiKey(apiKey);
            Arguments.notNull(responses, "responses");
            int[] errors = new int[responses.length];
            int[] rtts = new int[responses.length];
            for (int i = 0; i < responses.length; i++) {
                RequestError r = Arguments.notNull(responses[i], "responses[" + i + "]");
                errors[i] = r.error().code();
                rtts[i] = (int) r.rtt().toMillis(); // range checked by RequestError
            }
            RdMockErrors.pushToBroker(c, id, key, errors, rtts);
            return null;
        });
    }

    /** How many errors pushed to this broker for {@code apiKey} are still waiting for a request. */
    public int pendingRequestErrors(ApiKey apiKey) {
        cluster.requireOpen();
        return pendingRequestErrors(Arguments.notNull(apiKey, "apiKey").code());
    }

    /** {@link #pendingRequestErrors(ApiKey)} for any ApiKey number. */
    public int pendingRequestErrors(int apiKey) {
        return cluster.onBroker(id, c -> Math.toIntExact(RdMockErrors.brokerStackCount(c, id, Arguments.apiKey(apiKey))));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MockBroker b && b.cluster == cluster && b.id == id;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(cluster) * 31 + id;
    }

    @Override
    public String toString() {
        return "MockBroker[" + id + "]";
    }
}
