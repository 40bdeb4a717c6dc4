/**
 * What a Kafka cluster is made of, as immutable values: brokers ({@link dev.jrdkafka.cluster.Node}),
 * topics and partitions with their leaders and replicas, the specifications of new
 * topics, ACLs ({@link dev.jrdkafka.cluster.AclBinding}, {@link dev.jrdkafka.cluster.AclBindingFilter})
 * and SCRAM credentials (described, and the alterations that set them; secrets never appear in
 * their text). Returned by {@code Admin} and by the metadata calls of producers and consumers;
 * they hold no native memory.
 */
package dev.jrdkafka.cluster;
