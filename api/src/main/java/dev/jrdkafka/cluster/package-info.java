/**
 * What a Kafka cluster is made of, as immutable values: brokers ({@link dev.jrdkafka.cluster.Node}),
 * topics and partitions with their leaders and replicas, and the specifications of new
 * topics. Returned by {@code Admin} and by the metadata calls of producers and consumers;
 * they hold no native memory.
 */
package dev.jrdkafka.cluster;
