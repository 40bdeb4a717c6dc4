package dev.jrdkafka.faults;

import dev.jrdkafka.config.KafkaConfig;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One row of the fault table: which client runs, the faults injected as it progresses,
 * extra client configuration, and what must hold beyond the role's invariants.
 *
 * @param outcomes delivery outcomes that must occur, as {@link dev.jrdkafka.testkit.invariants.DeliveryLedger#outcomes()}
 *                 keys start (e.g. {@code "failed _MSG_TIMED_OUT POSSIBLY_PERSISTED"})
 */
record Scenario(String name, Role role, List<FaultStep> steps, UnaryOperator<KafkaConfig> config, Expect expect,
                List<String> outcomes) {

    enum Role {
        /** enable.idempotence: exactly once, in order per partition, read back. */
        IDEMPOTENT,
        /** No idempotence: exactly one report per message; delivered ones at least once in the log. */
        PLAIN,
        /** transactional.id: committed transactions exactly once, in order. */
        TRANSACTIONAL,
        /** A consumer group committing after each batch. */
        GROUP,
        /** A group member that crashes with uncommitted work; its successor re-reads that only. */
        GROUP_CRASH,
        /** A second member joins and leaves while the first consumes. */
        GROUP_REBALANCE
    }

    enum Expect {
        /** Every message delivered (faults are retriable and healed in time). */
        ALL_DELIVERED,
        /** Some messages fail (their reports say so); none vanish. */
        SOME_FAIL,
        /** The producer hits a fatal error: later messages are refused or fail, none vanish. */
        FATAL,
        /** Whether messages fail depends on timing; only the role's invariants are held. */
        EITHER
    }

    static Scenario of(String name, Role role, Expect expect, List<FaultStep> steps) {
        return new Scenario(name, role, steps, c -> c, expect, List.of());
    }

    Scenario with(UnaryOperator<KafkaConfig> more) {
        UnaryOperator<KafkaConfig> before = config;
        return new Scenario(name, role, steps, c -> more.apply(before.apply(c)), expect, outcomes);
    }

    Scenario showing(String... required) {
        return new Scenario(name, role, steps, config, expect, List.of(required));
    }

    @Override
    public String toString() {
        return name;
    }
}
