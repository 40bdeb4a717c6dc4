/**
 * Consuming from Kafka with librdkafka's high-level consumer: group membership with
 * rebalancing done right for every protocol, single-record and batch polling (zero-copy
 * views), offsets, pause/resume and seeking (see {@link dev.jrdkafka.consumer.Consumer});
 * and librdkafka's queues and events, to wait on consumers without a thread (or a pinned
 * carrier) each.
 *
 * <h2>Queues</h2>
 * A {@link dev.jrdkafka.consumer.Queue} is one of librdkafka's {@code rd_kafka_queue_t}s of a
 * consumer:
 * <ul>
 *   <li>{@code consumer.consumerQueue()}: the consumer queue, which {@code Consumer.poll}
 *       reads: records, consume errors, rebalances;</li>
 *   <li>{@code consumer.partitionQueue(tp)}: one partition's queue. Getting it takes the
 *       partition's records off the consumer queue ({@code rd_kafka_queue_forward(pq, NULL)}),
 *       so a thread of its own can read them. librdkafka remembers this for the rest of the
 *       consumer's life: after the partition is revoked and assigned again its records still
 *       go to the partition queue. Rebalances and consume errors keep arriving on the consumer
 *       queue, so keep polling the consumer too (with {@code subscribe}, at least every
 *       {@code max.poll.interval.ms}; reading a partition queue does not count as a consumer
 *       poll). Closing the queue forwards the partition back to the consumer queue (until
 *       the partition is next revoked: then get its queue again);</li>
 *   <li>{@code consumer.newQueue()}: an empty queue of your own
 *       ({@code rd_kafka_queue_new}), to {@link dev.jrdkafka.consumer.Queue#forwardTo forward}
 *       other queues of the same consumer into (e.g. a few partitions read together), or to
 *       receive offset-commit results ({@code consumer.commitAsyncTo(offsets, queue)}).</li>
 * </ul>
 * Not offered, on purpose: the main queue ({@code rd_kafka_queue_get_main}) is served by the
 * client itself — logs, errors and statistics go to the {@code ClientListener} inside every
 * poll of the consumer or of its queues — so a second reader would steal them (its readiness
 * is part of the consumer queue's instead); the background queue
 * ({@code rd_kafka_queue_get_background}) must not be polled or forwarded (rdkafka.h) and is
 * only a reply queue for admin calls; forwarding between two clients' queues, which
 * librdkafka does not support (use a {@link dev.jrdkafka.consumer.QueueSelector}).
 *
 * <p>Reading: {@code pollBatch} returns a zero-copy {@code RecordBatch}
 * ({@code rd_kafka_consume_batch_queue}); {@code poll} returns one
 * {@link dev.jrdkafka.consumer.Event} of any type ({@code rd_kafka_queue_poll}): records,
 * errors (including partition EOF), offset-commit results, and whatever else librdkafka puts
 * there. Rebalances are never returned: both reads hand them to the consumer, which runs its
 * {@code RebalanceListener} and changes the assignment, exactly as {@code Consumer.poll}
 * does. A queue that receives commit results can only be read with {@code poll}: librdkafka
 * aborts the process if its record reads ({@code rd_kafka_consume_batch_queue},
 * {@code rd_kafka_consumer_poll}) meet such a result, so jrdkafka refuses to forward it or to
 * batch-read it.
 *
 * <h2>Virtual threads</h2>
 * A downcall into C pins the virtual thread that makes it: its carrier (platform) thread
 * stays blocked for as long as the C function runs, whatever it waits for. JDK 24 (JEP 491)
 * stopped {@code synchronized} from pinning, but native frames still pin in JDK 25 — the
 * JVM cannot unmount a stack that has C frames on it. So a virtual thread in
 * {@code Consumer.poll(Duration.ofSeconds(1))} holds one of the few carriers (as many as
 * cores by default) for up to that long ({@code Consumer.poll} waits in slices of at most
 * 100 ms inside {@code rd_kafka_consumer_poll}, but each slice pins). A few such consumers
 * can starve every other virtual thread of the application.
 *
 * <p>What this package offers instead: nothing in it waits inside librdkafka. Reads take
 * what is queued with a zero timeout (a short, non-blocking downcall), and waiting happens
 * in Java: librdkafka's readiness callback ({@code rd_kafka_queue_cb_event_enable}) fires
 * when something lands on an empty queue, and jrdkafka's callback only counts and unparks
 * (it runs on a librdkafka thread with the queue's mutex held, so it never runs user code
 * or calls librdkafka). Parking unmounts a virtual thread. So:
 * <ul>
 *   <li>on a virtual thread, read with {@code queue.pollBatch(max, timeout)} or
 *       {@code queue.poll(timeout)} instead of {@code Consumer.poll}, or wait with
 *       {@code queue.awaitReady(timeout)} and then {@code Consumer.poll(Duration.ZERO)};</li>
 *   <li>{@code queue.onReady(action)} runs an action whenever the queue has something, on a
 *       virtual thread of jrdkafka's (never on librdkafka's thread), without a thread of your
 *       own waiting;</li>
 *   <li>{@link dev.jrdkafka.consumer.QueueSelector} waits on any number of queues, of any number
 *       of consumers, from one thread, and returns the ready ones: a whole fleet of consumers
 *       served by one (virtual) thread.</li>
 * </ul>
 * Waits are also re-checked every 100 ms, so even a missed callback delays, never hangs.
 * Rebalance listeners still run inside the read, on the reading thread, and whatever they
 * call (e.g. {@code commitSync}) blocks in C as usual.
 *
 * <h2>Lifetime</h2>
 * Closing a queue turns its callback off (after which librdkafka guarantees it will not
 * call it), undoes its forwarding and releases the reference. Closing a consumer closes its
 * queues first, before {@code rd_kafka_consumer_close} (as rdkafka.h asks of consumer-queue
 * references); a queue of a closed consumer throws {@link java.lang.IllegalStateException},
 * never touches freed memory.
 */
package dev.jrdkafka.consumer;
