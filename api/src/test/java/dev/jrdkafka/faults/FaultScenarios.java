package dev.jrdkafka.faults;

import static dev.jrdkafka.faults.Faults.allDown;
import static dev.jrdkafka.faults.Faults.allRtt;
import static dev.jrdkafka.faults.Faults.allUp;
import static dev.jrdkafka.faults.Faults.brokerDown;
import static dev.jrdkafka.faults.Faults.brokerUp;
import static dev.jrdkafka.faults.Faults.groupCoordinator;
import static dev.jrdkafka.faults.Faults.hold;
import static dev.jrdkafka.faults.Faults.leader;
import static dev.jrdkafka.faults.Faults.leaderless;
import static dev.jrdkafka.faults.Faults.push;
import static dev.jrdkafka.faults.Faults.pushTo;
import static dev.jrdkafka.faults.Faults.rotateLeaders;
import static dev.jrdkafka.faults.Faults.rtt;
import static dev.jrdkafka.faults.Faults.txnCoordinator;
import static dev.jrdkafka.faults.Scenario.Expect.ALL_DELIVERED;
import static dev.jrdkafka.faults.Scenario.Expect.EITHER;
import static dev.jrdkafka.faults.Scenario.Expect.FATAL;
import static dev.jrdkafka.faults.Scenario.Expect.SOME_FAIL;
import static dev.jrdkafka.faults.Scenario.Role.GROUP;
import static dev.jrdkafka.faults.Scenario.Role.GROUP_CRASH;
import static dev.jrdkafka.faults.Scenario.Role.GROUP_REBALANCE;
import static dev.jrdkafka.faults.Scenario.Role.IDEMPOTENT;
import static dev.jrdkafka.faults.Scenario.Role.PLAIN;
import static dev.jrdkafka.faults.Scenario.Role.TRANSACTIONAL;

import dev.jrdkafka.KafkaError;
import dev.jrdkafka.config.Acks;
import dev.jrdkafka.mock.ApiKey;
import dev.jrdkafka.mock.RequestError;
import java.time.Duration;
import java.util.List;

/**
 * The fault table. Brokers 1, 2, 3 lead partitions 0/3, 1/4, 2/5 at the start; the group
 * coordinator is broker 1; the transaction coordinator is whatever the mock picks until a
 * scenario moves it. Every fault is lifted before the run finishes.
 */
final class FaultScenarios {
    private static final String TXN = "faults-txn";
    private static final KafkaError NOT_LEADER = KafkaError.NOT_LEADER_FOR_PARTITION;
    private static final KafkaError TIMED_OUT = KafkaError.REQUEST_TIMED_OUT;
    private static final KafkaError NETWORK = KafkaError.NETWORK_EXCEPTION;
    private static final KafkaError TRANSPORT = KafkaError._TRANSPORT;
    private static final KafkaError NO_COORDINATOR = KafkaError.COORDINATOR_NOT_AVAILABLE;

    private FaultScenarios() {}

    static List<Scenario> all() {
        return List.of(
                // ---- idempotent producer: exactly once, in order, nothing failed
                Scenario.of("idempotent: leader broker down 1 s, up", IDEMPOTENT, ALL_DELIVERED,
                        List.of(brokerDown(0.3, 1), hold(0.3, 1000), brokerUp(0.3, 1))),
                Scenario.of("idempotent: leaders move twice", IDEMPOTENT, ALL_DELIVERED,
                        List.of(rotateLeaders(0.3, 6, 1), rotateLeaders(0.6, 6, 2))),
                Scenario.of("idempotent: NOT_LEADER_FOR_PARTITION x5", IDEMPOTENT, ALL_DELIVERED,
                        List.of(push(0.3, ApiKey.PRODUCE, NOT_LEADER, NOT_LEADER, NOT_LEADER, NOT_LEADER, NOT_LEADER))),
                Scenario.of("idempotent: REQUEST_TIMED_OUT x5", IDEMPOTENT, ALL_DELIVERED,
                        List.of(push(0.3, ApiKey.PRODUCE, TIMED_OUT, TIMED_OUT, TIMED_OUT, TIMED_OUT, TIMED_OUT))),
                // librdkafka does not retry a NETWORK_EXCEPTION answer (see the plain row): batches
                // may fail, NOT_PERSISTED, depending on timing; the rest stays exactly once in order.
                Scenario.of("idempotent: NETWORK_EXCEPTION x5 (librdkafka: not retried)", IDEMPOTENT, EITHER,
                        List.of(push(0.3, ApiKey.PRODUCE, NETWORK, NETWORK, NETWORK, NETWORK, NETWORK))),
                // The mock checks sequence numbers only for transactional producers
                // (rdkafka_mock.c, rd_kafka_mock_validate_records): requests it appended but whose
                // answers died with the connection are appended again when retried. With one
                // request in flight none is lost that way; the transactional row below and
                // ClusterFaultsIT (kill -9 on a real broker) cover connection loss with 5 in flight.
                Scenario.of("idempotent: connection closed on Produce x4 (transport), 1 in flight", IDEMPOTENT, ALL_DELIVERED,
                        List.of(push(0.3, ApiKey.PRODUCE, TRANSPORT, TRANSPORT), push(0.6, ApiKey.PRODUCE, TRANSPORT, TRANSPORT)))
                        .with(c -> c.set("max.in.flight.requests.per.connection", 1L)),
                Scenario.of("idempotent: rtt spike 800 ms on a leader", IDEMPOTENT, ALL_DELIVERED,
                        List.of(rtt(0.3, 2, 800), hold(0.3, 1500), rtt(0.3, 2, 0))),
                Scenario.of("idempotent: all brokers down 1 s, up", IDEMPOTENT, ALL_DELIVERED,
                        List.of(allDown(0.4), hold(0.4, 1000), allUp(0.4))),
                Scenario.of("idempotent: partition leaderless 1 s, new leader", IDEMPOTENT, ALL_DELIVERED,
                        List.of(leaderless(0.3, 0), hold(0.3, 1000), leader(0.3, 0, 3))),
                Scenario.of("idempotent: slow timed-out answers (REQUEST_TIMED_OUT after 300 ms) on one broker", IDEMPOTENT,
                        ALL_DELIVERED, List.of(pushTo(0.3, 3, ApiKey.PRODUCE, RequestError.of(TIMED_OUT, Duration.ofMillis(300)),
                                RequestError.of(TIMED_OUT, Duration.ofMillis(300)), RequestError.delay(Duration.ofMillis(500))))),
                Scenario.of("idempotent: OUT_OF_ORDER_SEQUENCE_NUMBER (fatal)", IDEMPOTENT, FATAL,
                        List.of(push(0.5, ApiKey.PRODUCE, KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER))),

                // ---- plain producer: one report per message; each persistence status shows up
                Scenario.of("plain: retriable Produce errors (NOT_LEADER, REQUEST_TIMED_OUT) x6", PLAIN, ALL_DELIVERED,
                        List.of(push(0.3, ApiKey.PRODUCE, NOT_LEADER, TIMED_OUT, NOT_LEADER, TIMED_OUT, NOT_LEADER, TIMED_OUT)))
                        .showing("delivered PERSISTED"),
                // librdkafka does not retry a NETWORK_EXCEPTION answer (not in rd_kafka_err_action's
                // retriable set, rdkafka_request.c): a plain producer fails the batch, NOT_PERSISTED.
                Scenario.of("plain: NETWORK_EXCEPTION answered x3 (librdkafka: not retried)", PLAIN, SOME_FAIL,
                        List.of(push(0.3, ApiKey.PRODUCE, NETWORK, NETWORK, NETWORK)))
                        .showing("failed NETWORK_EXCEPTION NOT_PERSISTED"),
                Scenario.of("plain: connection closed on Produce x4 (transport)", PLAIN, ALL_DELIVERED,
                        List.of(push(0.3, ApiKey.PRODUCE, TRANSPORT, TRANSPORT), push(0.6, ApiKey.PRODUCE, TRANSPORT, TRANSPORT))),
                Scenario.of("plain: leaders move twice", PLAIN, ALL_DELIVERED,
                        List.of(rotateLeaders(0.3, 6, 1), rotateLeaders(0.6, 6, 2))),
                Scenario.of("plain: leader down past message.timeout.ms", PLAIN, SOME_FAIL,
                        List.of(brokerDown(0.3, 1), hold(0.3, 2500), brokerUp(0.3, 1)))
                        .with(c -> c.messageTimeoutMs(1000))
                        .showing("failed _MSG_TIMED_OUT NOT_PERSISTED", "delivered PERSISTED"),
                Scenario.of("plain: rtt spike past message.timeout.ms", PLAIN, SOME_FAIL,
                        List.of(rtt(0.3, 2, 3000), hold(0.3, 2000), rtt(0.3, 2, 0)))
                        .with(c -> c.messageTimeoutMs(1500))
                        .showing("failed _MSG_TIMED_OUT POSSIBLY_PERSISTED"),
                Scenario.of("plain: permanent refusal (TOPIC_AUTHORIZATION_FAILED) x3", PLAIN, SOME_FAIL,
                        List.of(push(0.3, ApiKey.PRODUCE, KafkaError.TOPIC_AUTHORIZATION_FAILED,
                                KafkaError.TOPIC_AUTHORIZATION_FAILED, KafkaError.TOPIC_AUTHORIZATION_FAILED)))
                        .showing("failed TOPIC_AUTHORIZATION_FAILED NOT_PERSISTED"),
                Scenario.of("plain: REQUEST_TIMED_OUT with retries=0", PLAIN, SOME_FAIL,
                        List.of(push(0.3, ApiKey.PRODUCE, TIMED_OUT, TIMED_OUT)))
                        .with(c -> c.set("retries", 0L))
                        .showing("failed REQUEST_TIMED_OUT POSSIBLY_PERSISTED"),
                Scenario.of("plain: acks=0 while a leader goes down and up", PLAIN, ALL_DELIVERED,
                        List.of(brokerDown(0.3, 3), hold(0.3, 500), brokerUp(0.3, 3)))
                        .with(c -> c.acks(Acks.NONE))
                        .showing("delivered POSSIBLY_PERSISTED"),

                // ---- transactional producer: committed transactions exactly once, in order
                Scenario.of("transactional: COORDINATOR_NOT_AVAILABLE on FindCoordinator, AddPartitions, EndTxn", TRANSACTIONAL,
                        ALL_DELIVERED, List.of(push(0.2, ApiKey.FIND_COORDINATOR, NO_COORDINATOR, NO_COORDINATOR),
                                push(0.4, ApiKey.ADD_PARTITIONS_TO_TXN, NO_COORDINATOR, NO_COORDINATOR),
                                push(0.6, ApiKey.END_TXN, NO_COORDINATOR, NO_COORDINATOR))),
                Scenario.of("transactional: coordinator moves twice", TRANSACTIONAL, ALL_DELIVERED,
                        List.of(txnCoordinator(0.3, TXN, 2), txnCoordinator(0.6, TXN, 3))),
                Scenario.of("transactional: NOT_LEADER and transport on Produce", TRANSACTIONAL, ALL_DELIVERED,
                        List.of(push(0.3, ApiKey.PRODUCE, NOT_LEADER, NOT_LEADER, TRANSPORT, TIMED_OUT))),
                Scenario.of("transactional: coordinator broker down 1 s, up", TRANSACTIONAL, ALL_DELIVERED,
                        List.of(txnCoordinator(0.0, TXN, 2), brokerDown(0.4, 2), hold(0.4, 1000), brokerUp(0.4, 2))),
                Scenario.of("transactional: leaders move, rtt spike 500 ms", TRANSACTIONAL, ALL_DELIVERED,
                        List.of(rotateLeaders(0.3, 6, 1), allRtt(0.5, 500), hold(0.5, 1000), allRtt(0.5, 0))),

                // ---- committing consumer group: nothing skipped, re-reads only of uncommitted work
                Scenario.of("group: coordinator moves three times", GROUP, ALL_DELIVERED,
                        List.of(groupCoordinator(0.25, GroupRun.GROUP, 2), groupCoordinator(0.5, GroupRun.GROUP, 3),
                                groupCoordinator(0.75, GroupRun.GROUP, 1))),
                Scenario.of("group: COORDINATOR_NOT_AVAILABLE / NOT_COORDINATOR on OffsetCommit", GROUP, ALL_DELIVERED,
                        List.of(push(0.3, ApiKey.OFFSET_COMMIT, NO_COORDINATOR, KafkaError.NOT_COORDINATOR, NO_COORDINATOR))),
                Scenario.of("group: coordinator broker down 1 s, up", GROUP, ALL_DELIVERED,
                        List.of(brokerDown(0.3, 1), hold(0.3, 1000), brokerUp(0.3, 1))),
                Scenario.of("group: leaders move while fetching", GROUP, ALL_DELIVERED,
                        List.of(rotateLeaders(0.3, 6, 1), rotateLeaders(0.6, 6, 2))),
                Scenario.of("group: Fetch errors (NOT_LEADER, transport, REQUEST_TIMED_OUT)", GROUP, ALL_DELIVERED,
                        List.of(push(0.3, ApiKey.FETCH, NOT_LEADER, TRANSPORT, TIMED_OUT, NETWORK))),
                Scenario.of("group: rtt spike 500 ms on every broker", GROUP, ALL_DELIVERED,
                        List.of(allRtt(0.3, 500), hold(0.3, 1500), allRtt(0.3, 0))),
                Scenario.of("group: heartbeat COORDINATOR_NOT_AVAILABLE, REBALANCE_IN_PROGRESS", GROUP, ALL_DELIVERED,
                        List.of(push(0.3, ApiKey.HEARTBEAT, NO_COORDINATOR, KafkaError.REBALANCE_IN_PROGRESS)))
                        .with(c -> c.set("heartbeat.interval.ms", 100L)),
                Scenario.of("group: all brokers down 1 s, up", GROUP, ALL_DELIVERED,
                        List.of(allDown(0.5), hold(0.5, 1000), allUp(0.5))),
                Scenario.of("group: member crashes with an uncommitted batch, a new one takes over", GROUP_CRASH,
                        ALL_DELIVERED, List.of()),
                Scenario.of("group: second member joins and leaves (rebalances)", GROUP_REBALANCE, ALL_DELIVERED,
                        List.of(push(0.5, ApiKey.OFFSET_COMMIT, KafkaError.REBALANCE_IN_PROGRESS))));
    }
}
