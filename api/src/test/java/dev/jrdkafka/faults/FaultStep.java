package dev.jrdkafka.faults;

import dev.jrdkafka.mock.MockCluster;

/**
 * One action on the mock cluster, run when a scenario's progress (messages produced, or
 * records consumed) first reaches {@code at} (0..1). Actions may sleep, to hold a fault
 * while the client keeps working on other threads.
 */
record FaultStep(double at, String what, Action action) {
    @FunctionalInterface
    interface Action {
        void apply(MockCluster cluster, String topic) throws Exception;
    }

    FaultStep {
        if (at < 0 || at > 1) throw new IllegalArgumentException("at must be within 0..1, got " + at);
    }

    @Override
    public String toString() {
        return Math.round(at * 100) + "%: " + what;
    }
}
