package dev.jrdkafka.faults;

import dev.jrdkafka.mock.ApiKey;
import dev.jrdkafka.mock.MockCluster;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs a scenario's fault steps, in order, on a thread of their own, each once the
 * scenario's progress passes its mark: a step that holds a fault (sleeps) does not stop
 * the client from working meanwhile.
 */
final class Progress implements AutoCloseable {
    private final List<FaultStep> steps;
    private final MockCluster cluster;
    private final String topic;
    private final ExecutorService faults = Executors.newSingleThreadExecutor(r -> new Thread(r, "faults"));
    private Future<?> last;
    private int next;

    Progress(List<FaultStep> steps, MockCluster cluster, String topic) {
        this.steps = steps;
        this.cluster = cluster;
        this.topic = topic;
    }

    /** Starts every step not yet started whose mark is at or below {@code fraction}. */
    void reach(double fraction) {
        while (next < steps.size() && steps.get(next).at() <= fraction) {
            FaultStep step = steps.get(next++);
            last = faults.submit(() -> {
                step.action().apply(cluster, topic);
                return null;
            });
        }
    }

    /**
     * Starts what is left, waits for every step (a failing step fails the scenario), then
     * lifts every fault (brokers up, no delay, no pending errors) so that the run can finish.
     */
    void finish() throws Exception {
        reach(1.0);
        if (last != null) last.get(60, TimeUnit.SECONDS); // single thread: the last one ends after the others
        cluster.setAllBrokersUp();
        cluster.setAllBrokersRtt(Duration.ZERO);
        for (ApiKey api : ApiKey.values()) cluster.clearRequestErrors(api);
    }

    @Override
    public void close() {
        faults.shutdownNow();
    }
}
