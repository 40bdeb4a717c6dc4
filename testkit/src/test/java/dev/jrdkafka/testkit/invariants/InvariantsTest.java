package dev.jrdkafka.testkit.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each checker passes a clean history and catches each kind of violation it names. */
class InvariantsTest {

    private static DeliveryLedger ledger(int n) {
        DeliveryLedger l = new DeliveryLedger(n);
        for (int i = 0; i < n; i++) l.report(i, true, null, "PERSISTED");
        return l;
    }

    @Test
    void ledgerFindsMissingAndSecondReports() {
        DeliveryLedger l = new DeliveryLedger(3);
        l.report(0, true, null, "PERSISTED");
        l.report(1, false, "_MSG_TIMED_OUT", "POSSIBLY_PERSISTED");
        assertTrue(assertThrows(AssertionError.class, l::assertOneOutcomePerMessage).getMessage().contains("1 messages without a report (first: 2)"));
        l.report(2, false, "_PURGE_QUEUE", DeliveryLedger.NOT_PERSISTED);
        l.assertOneOutcomePerMessage();
        l.report(2, true, null, "PERSISTED");
        assertTrue(assertThrows(AssertionError.class, l::assertOneOutcomePerMessage).getMessage().contains("1 second reports"));
        assertEquals(1, l.outcomes().get("failed _MSG_TIMED_OUT POSSIBLY_PERSISTED"));
        assertTrue(l.isNotPersisted(2));
        assertEquals(2, l.failedCount());
    }

    @Test
    void logCheckPassesExactlyOnceInOrder() {
        LogCheck c = new LogCheck(ledger(6), 2);
        for (int i = 0; i < 6; i++) c.consumed(i % 2, i / 2, i);
        c.assertExactlyOnceInOrder();
        assertEquals(6, c.deliveredSeen());
    }

    @Test
    void logCheckCountsLossDuplicatesDisorderAndResurrection() {
        DeliveryLedger l = new DeliveryLedger(5);
        for (int i = 0; i < 4; i++) l.report(i, true, null, "PERSISTED");
        l.report(4, false, "TOPIC_AUTHORIZATION_FAILED", DeliveryLedger.NOT_PERSISTED);
        LogCheck c = new LogCheck(l, 1);
        c.consumed(0, 0, 0);
        c.consumed(0, 1, 2);
        c.consumed(0, 2, 1); // out of order
        c.consumed(0, 3, 2); // duplicate
        c.consumed(0, 4, 4); // failed NOT_PERSISTED, yet present
        assertEquals(1, c.lost()); // 3 never read
        assertEquals(1, c.duplicated());
        assertEquals(1, c.outOfOrder()); // 1 after 2
        assertEquals(1, c.resurrected());
        assertThrows(AssertionError.class, c::assertExactlyOnceInOrder);
        assertThrows(AssertionError.class, c::assertAtLeastOnce);
    }

    @Test
    void atLeastOnceAllowsDuplicatesButNotLoss() {
        LogCheck c = new LogCheck(ledger(2), 1);
        c.consumed(0, 0, 0);
        c.consumed(0, 1, 0);
        assertThrows(AssertionError.class, c::assertAtLeastOnce);
        c.consumed(0, 2, 1);
        c.assertAtLeastOnce();
        assertThrows(AssertionError.class, c::assertExactlyOnceInOrder);
    }

    @Test
    void groupMayRereadUncommittedWorkOnly() {
        GroupProgressCheck g = new GroupProgressCheck(4);
        g.consumed(0, 0);
        g.consumed(0, 1);
        g.committed(0, 1);
        g.consumed(0, 1); // a new owner re-reads from the commit: allowed
        g.consumed(0, 2);
        g.consumed(0, 3);
        g.assertNothingSkippedNothingCommittedReread();
        assertEquals(1, g.reread());
        g.consumed(0, 0); // behind the commit
        assertTrue(assertThrows(AssertionError.class, g::assertNothingSkippedNothingCommittedReread).getMessage()
                .contains("re-read 0 below committed 1"));
    }

    @Test
    void groupSkipAndShortReadAreCaught() {
        GroupProgressCheck skip = new GroupProgressCheck(3);
        skip.consumed(0, 0);
        skip.consumed(0, 2);
        assertEquals(1, skip.skipped());
        assertThrows(AssertionError.class, skip::assertNothingSkippedNothingCommittedReread);
        GroupProgressCheck shortRead = new GroupProgressCheck(3, 1);
        shortRead.consumed(0, 0);
        shortRead.consumed(1, 0);
        assertEquals(2, shortRead.missing());
        assertThrows(AssertionError.class, shortRead::assertNothingSkippedNothingCommittedReread);
    }

    @Test
    void readCommittedMustNotSeeAbortedData() {
        TransactionCheck t = new TransactionCheck(6);
        t.committed(0, 3);
        t.aborted(3, 6);
        for (int i = 0; i < 3; i++) t.consumed(i);
        t.assertReadCommitted();
        t.consumed(4);
        assertEquals(1, t.abortedSeen());
        assertThrows(AssertionError.class, t::assertReadCommitted);
        TransactionCheck missing = new TransactionCheck(2);
        missing.committed(0, 2);
        missing.consumed(0);
        assertEquals(1, missing.missing());
        assertThrows(AssertionError.class, missing::assertReadCommitted);
    }
}
