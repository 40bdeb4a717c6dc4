package dev.jrdkafka.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.admin.Admin;
import dev.jrdkafka.admin.ResourceResults;
import dev.jrdkafka.cluster.NewTopic;
import dev.jrdkafka.cluster.TopicDescription;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Admin at scale, a benchmark (not part of the default run; its name matches no failsafe
 * pattern): one CreateTopics call for 1,000 topics, one DescribeTopics of all of them, one
 * DeleteTopics; prints the times and checks that every resource got its own outcome and that
 * no thread was started per resource. Run it with {@code benchmarks/scripts/admin-scale.sh}.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(600)
class AdminScaleBench {
    static final int TOPICS = Integer.getInteger("jrdkafka.bench.topics", 1000);

    @Test
    void oneCallForAThousandTopics(KafkaBroker broker) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < TOPICS; i++) {
            names.add("scale-" + i);
            topics.add(new NewTopic("scale-" + i, 1, 1));
        }
        try (Admin admin = Admin.create(Clients.config(broker))) {
            int threadsBefore = Thread.activeCount();
            long t0 = System.nanoTime();
            ResourceResults<String, Void> created = admin.createTopics(topics);
            long sent = System.nanoTime();
            created.all().get(300, TimeUnit.SECONDS);
            long t1 = System.nanoTime();
            int threadsDuring = Thread.activeCount();

            Map<String, TopicDescription> described = null;
            long t2 = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (described == null) { // the broker's metadata follows the creation a moment later
                long start = System.nanoTime();
                try {
                    described = admin.describeTopics(names).allValues().get(300, TimeUnit.SECONDS);
                    t2 = System.nanoTime() - start;
                } catch (java.util.concurrent.ExecutionException notYet) {
                    assertTrue(System.nanoTime() < deadline, "all topics described within 120 s: " + notYet);
                    Thread.sleep(200);
                }
            }
            assertEquals(TOPICS, described.size());
            long t3 = System.nanoTime();
            admin.deleteTopics(names).all().get(300, TimeUnit.SECONDS);
            long t4 = System.nanoTime();
            System.out.printf("%% admin scale: %d topics%n", TOPICS);
            System.out.printf("%% createTopics: call returned in %.1f ms, all created in %.0f ms%n",
                    (sent - t0) / 1e6, (t1 - t0) / 1e6);
            System.out.printf("%% describeTopics of all: %.0f ms (last attempt)%n", t2 / 1e6);
            System.out.printf("%% deleteTopics of all: %.0f ms%n", (t4 - t3) / 1e6);
            System.out.printf("%% JVM threads: %d before, %d while %d results were outstanding%n", threadsBefore,
                    threadsDuring, TOPICS);
            assertTrue(threadsDuring - threadsBefore < 5, "no thread per resource: " + threadsBefore + " -> " + threadsDuring);
        }
    }
}
