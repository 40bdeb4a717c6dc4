package dev.jrdkafka.faults;

import dev.jrdkafka.testkit.invariants.LogCheck;
import java.util.Map;

/** What one scenario run measured, for the report table and RELIABILITY.md. */
record Outcome(String scenario, String role, int messages, long recordsVerified, long lost, long duplicated,
               long outOfOrder, int failed, long reread, Map<String, Integer> outcomes, String fatal, long millis) {

    /**
     * Checks the role's log invariant and the scenario's expectations: exactly once in order
     * (idempotent, transactional) or at least once (plain); everything delivered, some
     * failures, or a fatal error; and the outcomes the scenario must show.
     */
    Outcome verify(Scenario s, LogCheck log) {
        if (s.role() == Scenario.Role.PLAIN) log.assertAtLeastOnce();
        else log.assertExactlyOnceInOrder();
        switch (s.expect()) {
            case ALL_DELIVERED -> {
                if (failed != 0 || fatal != null) throw new AssertionError(s + ": expected every message delivered: " + this);
            }
            case SOME_FAIL -> {
                if (failed == 0) throw new AssertionError(s + ": expected failed reports: " + this);
            }
            case FATAL -> {
                if (fatal == null) throw new AssertionError(s + ": expected a fatal error: " + this);
            }
            case EITHER -> { }
        }
        for (String required : s.outcomes()) {
            if (outcomes.keySet().stream().noneMatch(k -> k.startsWith(required))) {
                throw new AssertionError(s + ": no \"" + required + "\" among the outcomes " + outcomes);
            }
        }
        return this;
    }

    String row() {
        return "| " + scenario + " | " + role + " | " + messages + " | " + recordsVerified + " | " + lost + " | "
                + duplicated + " | " + outOfOrder + " | " + failed + " | " + reread + " | "
                + (fatal == null ? "" : fatal) + " | " + outcomes + " | " + millis + " |";
    }
}
