package dev.jrdkafka.benchmarks.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCensusTest {
    @Test
    void groupsLibrdkafkaJrdkafkaAndJvmThreadsByName() {
        assertEquals("rdk:broker*", ThreadCensus.category("rdk:broker-1"));
        assertEquals("rdk:broker*", ThreadCensus.category("rdk:broker3"));
        assertEquals("rdk:main", ThreadCensus.category("rdk:main"));
        assertEquals("rdk:other", ThreadCensus.category("rdk:mock"));
        assertEquals("jrdkafka-poller", ThreadCensus.category("jrdkafka-poller"));
        assertEquals("jrdkafka-other", ThreadCensus.category("jrdkafka-cleane"));
        assertEquals("VT carriers", ThreadCensus.category("ForkJoinPool-1-"));
        assertEquals("JVM+other", ThreadCensus.category("C2 CompilerThre"));
    }

    @Test
    void readsUserPlusSystemTicksEvenWhenTheNameHoldsSpacesAndParentheses() {
        String stat = "4242 (GC (Thread) 0) S 1 4242 4242 0 -1 4194368 10 0 0 0 17 5 0 0 20 0 40 0 100 0 0";
        assertEquals(22, ThreadCensus.cpuTicks(stat));
    }

    @Test
    void countsThisProcessThreadsWithTheCallerAmongThem() {
        Map<String, ThreadCensus.Group> names = ThreadCensus.byName();
        int threads = names.values().stream().mapToInt(ThreadCensus.Group::threads).sum();
        assertTrue(threads >= Thread.activeCount(), "OS threads " + threads + " < Java threads " + Thread.activeCount());
        assertEquals(threads, ThreadCensus.categories(names).values().stream().mapToInt(ThreadCensus.Group::threads).sum());
    }
}
