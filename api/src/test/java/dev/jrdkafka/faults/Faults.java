package dev.jrdkafka.faults;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.mock.ApiKey;
import dev.jrdkafka.mock.RequestError;
import java.time.Duration;
import java.util.Arrays;

/**
 * The fault steps the scenarios are built from, as librdkafka's own tests inject them
 * (tests/0104, 0105, 0117, 0121...): brokers down and up, leaders moved, errors pushed onto
 * the next requests of a kind, delays, coordinators moved.
 */
final class Faults {
    private Faults() {}

    static FaultStep brokerDown(double at, int broker) {
        return new FaultStep(at, "broker " + broker + " down", (c, t) -> c.broker(broker).setDown());
    }

    static FaultStep brokerUp(double at, int broker) {
        return new FaultStep(at, "broker " + broker + " up", (c, t) -> c.broker(broker).setUp());
    }

    static FaultStep allDown(double at) {
        return new FaultStep(at, "all brokers down", (c, t) -> c.setAllBrokersDown());
    }

    static FaultStep allUp(double at) {
        return new FaultStep(at, "all brokers up", (c, t) -> c.setAllBrokersUp());
    }

    /** Holds the current state for {@code millis} (the client keeps running meanwhile). */
    static FaultStep hold(double at, long millis) {
        return new FaultStep(at, "hold " + millis + " ms", (c, t) -> Thread.sleep(millis));
    }

    static FaultStep leader(double at, int partition, int broker) {
        return new FaultStep(at, "partition " + partition + " leader -> " + broker,
                (c, t) -> c.setPartitionLeader(t, partition, broker));
    }

    /** Moves every partition's leader to the next broker (1 -> 2 -> 3 -> 1) of {@code partitions}. */
    static FaultStep rotateLeaders(double at, int partitions, int shift) {
        return new FaultStep(at, "all leaders shifted by " + shift, (c, t) -> {
            for (int p = 0; p < partitions; p++) c.setPartitionLeader(t, p, (p + shift) % 3 + 1);
        });
    }

    static FaultStep leaderless(double at, int partition) {
        return new FaultStep(at, "partition " + partition + " leaderless", (c, t) -> c.setPartitionLeaderless(t, partition));
    }

    /** The next requests of {@code api}, to any broker, fail with {@code errors} in order. */
    static FaultStep push(double at, ApiKey api, KafkaError... errors) {
        return new FaultStep(at, api + " errors " + Arrays.toString(errors), (c, t) -> c.pushRequestErrors(api, errors));
    }

    /** The next requests of {@code api} to {@code broker} get these answers (errors, delays). */
    static FaultStep pushTo(double at, int broker, ApiKey api, RequestError... answers) {
        return new FaultStep(at, api + " answers on broker " + broker + " " + Arrays.toString(answers),
                (c, t) -> c.broker(broker).pushRequestErrors(api, answers));
    }

    static FaultStep clear(double at, ApiKey api) {
        return new FaultStep(at, "clear " + api + " errors", (c, t) -> c.clearRequestErrors(api));
    }

    static FaultStep rtt(double at, int broker, long millis) {
        return new FaultStep(at, "broker " + broker + " rtt " + millis + " ms",
                (c, t) -> c.broker(broker).setRtt(Duration.ofMillis(millis)));
    }

    static FaultStep allRtt(double at, long millis) {
        return new FaultStep(at, "all brokers rtt " + millis + " ms", (c, t) -> c.setAllBrokersRtt(Duration.ofMillis(millis)));
    }

    static FaultStep groupCoordinator(double at, String group, int broker) {
        return new FaultStep(at, "group coordinator -> " + broker, (c, t) -> c.setGroupCoordinator(group, broker));
    }

    static FaultStep txnCoordinator(double at, String transactionalId, int broker) {
        return new FaultStep(at, "transaction coordinator -> " + broker,
                (c, t) -> c.setTransactionCoordinator(transactionalId, broker));
    }
}
