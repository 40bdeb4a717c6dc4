package dev.jrdkafka.internal.rd.produce;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.bindings.rd_kafka_topic_conf_set_partitioner_cb$partitioner;
import dev.jrdkafka.internal.rd.Rd;
import dev.jrdkafka.internal.rd.client.ClientSetup;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Java partitioner as librdkafka's {@code partitioner_cb}. librdkafka calls it inside
 * produce, or later from its own threads for messages produced before the topic's
 * metadata was known. Nothing thrown crosses into C: a failure is logged and the message
 * gets the partition count as its partition, which librdkafka refuses with
 * _UNKNOWN_PARTITION (from produce, or in the delivery report). Returning
 * {@code RD_KAFKA_PARTITION_UA} instead would park the message in the unassigned queue
 * until message.timeout.ms (rd_kafka_msg_partitioner in rdkafka_msg.c).
 */
public final class RdPartitioner {
    private static final Logger LOG = LoggerFactory.getLogger(RdPartitioner.class);

    /** What the Java side implements. {@code key} is read-only and valid during the call only. */
    public interface Target {
        int partition(String topic, ByteBuffer key, int partitionCount);
    }

    private RdPartitioner() {}

    /** Installs {@code target} on the default topic configuration of {@code conf}; the stub lives in {@code arena}. */
    public static void install(ClientSetup setup, Target target) {
        MemorySegment conf = setup.conf();
        Map<Long, String> names = new ConcurrentHashMap<>();
        MemorySegment stub = rd_kafka_topic_conf_set_partitioner_cb$partitioner.allocate(
                (rkt, keydata, keylen, partitionCnt, rktOpaque, msgOpaque) -> {
                    try {
                        String topic = names.computeIfAbsent(rkt.address(), a -> Rd.cString(rd_kafka_topic_name(rkt)));
                        ByteBuffer key = keydata.equals(MemorySegment.NULL) ? null
                                : keydata.reinterpret(keylen).asByteBuffer().asReadOnlyBuffer();
                        int p = target.partition(topic, key, partitionCnt);
                        if (p < 0 || p >= partitionCnt) {
                            LOG.warn("partitioner returned partition {} for topic {} with {} partitions; the message fails",
                                    p, topic, partitionCnt);
                            return partitionCnt;
                        }
                        return p;
                    } catch (Throwable t) {
                        LOG.error("partitioner threw; the message fails with _UNKNOWN_PARTITION", t);
                        return partitionCnt;
                    }
                }, setup.arena());
        MemorySegment tconf = rd_kafka_conf_get_default_topic_conf(conf);
        if (tconf.equals(MemorySegment.NULL)) {
            tconf = rd_kafka_topic_conf_new();
            rd_kafka_topic_conf_set_partitioner_cb(tconf, stub);
            rd_kafka_conf_set_default_topic_conf(conf, tconf);
        } else {
            rd_kafka_topic_conf_set_partitioner_cb(tconf, stub);
        }
    }
}
