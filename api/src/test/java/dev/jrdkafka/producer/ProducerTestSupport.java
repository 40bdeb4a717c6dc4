package dev.jrdkafka.producer;

import dev.jrdkafka.config.KafkaConfig;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Helpers shared by the producer tests. */
final class ProducerTestSupport {
    private ProducerTestSupport() {}

    static KafkaConfig config(String bootstrap) {
        return KafkaConfig.create().bootstrapServers(bootstrap).lingerMs(5).set("log_level", 4L);
    }

    static void await(CountDownLatch latch, int seconds, String what) throws InterruptedException {
        if (!latch.await(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError(what + ": " + latch.getCount() + " still missing after " + seconds + " s");
        }
    }

    /** Kafka's murmur2 (org.apache.kafka.common.utils.Utils.murmur2), to check partition placement. */
    static int murmur2(byte[] data) {
        int length = data.length;
        int seed = 0x9747b28c;
        final int m = 0x5bd1e995;
        final int r = 24;
        int h = seed ^ length;
        int length4 = length / 4;
        for (int i = 0; i < length4; i++) {
            final int i4 = i * 4;
            int k = (data[i4] & 0xff) + ((data[i4 + 1] & 0xff) << 8) + ((data[i4 + 2] & 0xff) << 16)
                    + ((data[i4 + 3] & 0xff) << 24);
            k *= m;
            k ^= k >>> r;
            k *= m;
            h *= m;
            h ^= k;
        }
        switch (length % 4) {
            case 3: h ^= (data[(length & ~3) + 2] & 0xff) << 16;
            case 2: h ^= (data[(length & ~3) + 1] & 0xff) << 8;
            case 1:
                h ^= data[length & ~3] & 0xff;
                h *= m;
        }
        h ^= h >>> 13;
        h *= m;
        h ^= h >>> 15;
        return h;
    }
}
