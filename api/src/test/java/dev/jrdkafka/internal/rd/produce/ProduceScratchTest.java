package dev.jrdkafka.internal.rd.produce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Which staging buffer a produce call gets, and that none outlives its purpose. */
class ProduceScratchTest {

    private static <T> T onVirtualThread(Callable<T> task) throws Exception {
        try (ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
            return vt.submit(task).get();
        }
    }

    @Test
    void aPlatformThreadReusesItsOwnBuffer() {
        ProduceScratch a = ProduceScratch.acquire(100);
        a.release();
        ProduceScratch b = ProduceScratch.acquire(ProduceScratch.SIZE);
        b.release();
        assertSame(a, b);
        assertTrue(a.buffer.scope().isAlive());
    }

    @Test
    void virtualThreadsShareAtMostSlotsBuffers() throws Exception {
        List<Future<ProduceScratch>> all = new ArrayList<>();
        try (ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 10_000; i++) {
                all.add(vt.submit(() -> {
                    ProduceScratch s = ProduceScratch.acquire(100);
                    s.release();
                    return s;
                }));
            }
        }
        // A call that found every slot in use had a buffer of its own, closed by now.
        Set<ProduceScratch> pooled = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Future<ProduceScratch> f : all) {
            ProduceScratch s = f.get();
            if (s.buffer.scope().isAlive()) {
                assertEquals(ProduceScratch.SIZE, s.buffer.byteSize());
                pooled.add(s);
            }
        }
        assertTrue(pooled.size() <= ProduceScratch.SLOTS, pooled.size() + " buffers for " + ProduceScratch.SLOTS + " slots");
    }

    @Test
    void whenEverySlotIsInUseACallGetsABufferOfItsOwnFreedAtRelease() throws Exception {
        onVirtualThread(() -> {
            List<ProduceScratch> held = new ArrayList<>();
            try {
                for (int i = 0; i < ProduceScratch.SLOTS; i++) held.add(ProduceScratch.acquire(100));
                ProduceScratch extra = ProduceScratch.acquire(100);
                for (ProduceScratch h : held) assertNotSame(h, extra);
                assertEquals(100, extra.buffer.byteSize(), "only what the call needs");
                extra.release();
                assertFalse(extra.buffer.scope().isAlive(), "freed at release, not by the GC");
            } finally {
                for (ProduceScratch h : held) h.release();
            }
            ProduceScratch again = ProduceScratch.acquire(100);
            again.release();
            assertTrue(held.contains(again), "a pooled buffer is back in the pool");
            return null;
        });
    }

    @Test
    void aLargeMessageGetsABufferOfItsOwnOnEveryThread() throws Exception {
        long big = 10L * 1024 * 1024;
        ProduceScratch onPlatform = ProduceScratch.acquire(big);
        assertEquals(big, onPlatform.buffer.byteSize());
        onPlatform.release();
        assertFalse(onPlatform.buffer.scope().isAlive());
        ProduceScratch after = ProduceScratch.acquire(100);
        after.release();
        assertEquals(ProduceScratch.SIZE, after.buffer.byteSize(), "the thread's buffer did not grow");

        ProduceScratch onVirtual = onVirtualThread(() -> {
            ProduceScratch s = ProduceScratch.acquire(big);
            s.release();
            return s;
        });
        assertEquals(big, onVirtual.buffer.byteSize());
        assertFalse(onVirtual.buffer.scope().isAlive());
    }

    @Test
    void stagingPutsTheKeyBeforeTheValue() {
        byte[] key = {1, 2, 3};
        byte[] value = {4, 5};
        ProduceScratch s = ProduceScratch.acquire(5);
        try {
            long base = s.stage(key, value);
            assertEquals(s.buffer.address(), base);
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, s.buffer.asSlice(0, 5).toArray(ValueLayout.JAVA_BYTE));
        } finally {
            s.release();
        }
    }
}
