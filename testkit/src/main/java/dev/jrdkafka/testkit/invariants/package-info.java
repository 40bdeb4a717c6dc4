/**
 * Delivery invariants for fault tests, one class per concept, independent of any client
 * library: {@link dev.jrdkafka.testkit.invariants.DeliveryLedger} (exactly one delivery
 * report per message), {@link dev.jrdkafka.testkit.invariants.LogCheck} (what the log holds:
 * lost, duplicated, out of order), {@link dev.jrdkafka.testkit.invariants.GroupProgressCheck}
 * (a committing consumer group skips nothing and re-reads only uncommitted work) and
 * {@link dev.jrdkafka.testkit.invariants.TransactionCheck} (read_committed never sees
 * aborted data). Messages are numbered {@code 0..n-1}; the number travels in the payload.
 */
package dev.jrdkafka.testkit.invariants;
