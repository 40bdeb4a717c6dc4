/**
 * librdkafka's mock Kafka cluster, for tests, demos and benchmarks without a Kafka.
 *
 * <p>{@link dev.jrdkafka.mock.MockCluster#start(int)} starts N brokers (ids 1 to N) inside
 * this process, each listening on an ephemeral port of 127.0.0.1 and speaking the Kafka
 * protocol: any client — jrdkafka, another librdkafka binding, Apache kafka-clients — can
 * use {@link dev.jrdkafka.mock.MockCluster#bootstrapServers()} as its
 * {@code bootstrap.servers}. The brokers implement producing (idempotent and
 * transactional too), fetching, offsets, classic and KIP-848 consumer groups, and KIP-714
 * telemetry; not the admin APIs (topics are created with
 * {@link dev.jrdkafka.mock.MockCluster#createTopic} instead). The requests they implement
 * are the constants of {@link dev.jrdkafka.mock.ApiKey}.
 *
 * <p>What to expect from the mock:
 * <ul>
 *   <li>A topic unknown to a Metadata request that allows auto-creation is created, with 4
 *       partitions and min(3, brokers) replicas, unless it was created beforehand with
 *       {@link dev.jrdkafka.mock.MockCluster#createTopic}.</li>
 *   <li>Each partition keeps its messages in memory, at most 5 MiB (and 100,000 message
 *       sets); older data is dropped and the log start offset moves up.</li>
 *   <li>Replication is not simulated: every replica is in sync; leaders and followers
 *       change only when told to ({@link dev.jrdkafka.mock.MockCluster#setPartitionLeader},
 *       {@link dev.jrdkafka.mock.MockCluster#addBroker} ...). A broker taken
 *       {@linkplain dev.jrdkafka.mock.MockBroker#setDown() down} keeps its leaderships.</li>
 *   <li>Failures are scripted: errors and delays injected into the next requests of a type
 *       ({@link dev.jrdkafka.mock.MockCluster#pushRequestErrors},
 *       {@link dev.jrdkafka.mock.MockBroker#pushRequestErrors}), per-broker round-trip
 *       times, topic errors, leaders reported in responses.</li>
 *   <li>Metadata names broker 0 as the controller, which does not exist unless added with
 *       {@link dev.jrdkafka.mock.MockCluster#addBroker addBroker(0)}: until then admin requests
 *       that go to the controller (DescribeTopics, ...) wait for one.</li>
 *   <li>Request tracking records which broker received which request type when, to assert
 *       on a client's protocol behaviour.</li>
 * </ul>
 *
 * <p>librdkafka declares the mock API experimental, outside its API/ABI stability
 * guarantees; this package follows librdkafka 2.15.0's and guards against its known crashes
 * (see {@link dev.jrdkafka.mock.MockCluster#setPartitionLeaderless}).
 */
package dev.jrdkafka.mock;
