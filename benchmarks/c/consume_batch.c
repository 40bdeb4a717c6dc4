/*
 * consume_batch: librdkafka's high-level consumer read with rd_kafka_consume_batch_queue,
 * in C — the librdkafka calls `jrdkafka perf -C` makes (assign with start offsets, batch
 * polls of the consumer queue, rd_kafka_message_destroy per message), without Java. It
 * separates what the binding costs from what the API costs: rdkafka_performance -C uses
 * the legacy per-partition consumer and a callback per message instead.
 *
 * Usage: consume_batch -b BROKERS -t TOPIC -c COUNT -p PARTITION [-p ...] [-B BATCH] [-X k=v ...]
 * Prints, like rdkafka_performance: "% N messages (B bytes) consumed in X ms: Y msgs/s".
 * Settings as jrdkafka perf -C: queued.min.messages=1000000, session.timeout.ms=6000,
 * auto.offset.reset=earliest, enable.partition.eof=false, a private group, no commits.
 */
#include <librdkafka/rdkafka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void set(rd_kafka_conf_t *conf, const char *k, const char *v) {
        char err[512];
        if (rd_kafka_conf_set(conf, k, v, err, sizeof(err)) != RD_KAFKA_CONF_OK) {
                fprintf(stderr, "%% %s=%s: %s\n", k, v, err);
                exit(2);
        }
}

int main(int argc, char **argv) {
        const char *brokers = NULL, *topic = NULL;
        long count = 0;
        int batch = 10000, opt;
        int partitions[4096], npart = 0;
        char group[64], err[512];
        rd_kafka_conf_t *conf = rd_kafka_conf_new();

        snprintf(group, sizeof(group), "consume-batch-%d", (int)getpid());
        set(conf, "group.id", group);
        set(conf, "enable.auto.commit", "false");
        set(conf, "queued.min.messages", "1000000");
        set(conf, "session.timeout.ms", "6000");
        set(conf, "auto.offset.reset", "earliest");
        set(conf, "enable.partition.eof", "false");
        while ((opt = getopt(argc, argv, "b:t:c:p:B:X:")) != -1) {
                switch (opt) {
                case 'b': brokers = optarg; break;
                case 't': topic = optarg; break;
                case 'c': count = atol(optarg); break;
                case 'B': batch = atoi(optarg); break;
                case 'p':
                        if (npart < 4096) partitions[npart++] = atoi(optarg);
                        break;
                case 'X': {
                        char *eq = strchr(optarg, '=');
                        if (!eq) { fprintf(stderr, "%% -X expects key=value\n"); return 2; }
                        *eq = '\0';
                        set(conf, optarg, eq + 1);
                        break;
                }
                default: return 2;
                }
        }
        if (!brokers || !topic || count < 1 || npart == 0 || batch < 1) {
                fprintf(stderr, "usage: %s -b BROKERS -t TOPIC -c COUNT -p PARTITION [-p ...] [-B BATCH] [-X k=v]\n", argv[0]);
                return 2;
        }
        set(conf, "bootstrap.servers", brokers);

        rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof(err));
        if (!rk) { fprintf(stderr, "%% %s\n", err); return 1; }
        rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(npart);
        for (int i = 0; i < npart; i++)
                rd_kafka_topic_partition_list_add(list, topic, partitions[i])->offset = RD_KAFKA_OFFSET_BEGINNING;
        rd_kafka_assign(rk, list);
        rd_kafka_topic_partition_list_destroy(list);
        rd_kafka_queue_t *q = rd_kafka_queue_get_consumer(rk);

        rd_kafka_message_t **msgs = malloc(sizeof(*msgs) * batch);
        long msgcnt = 0, bytes = 0;
        double first = 0, last = 0, idle = now_ms();
        while (msgcnt < count && now_ms() - idle < 30000) {
                long want = count - msgcnt < batch ? count - msgcnt : batch;
                ssize_t n = rd_kafka_consume_batch_queue(q, 100, msgs, want);
                if (n < 0) { fprintf(stderr, "%% %s\n", rd_kafka_err2str(rd_kafka_last_error())); break; }
                if (n == 0) continue;
                if (first == 0) first = now_ms();
                for (ssize_t i = 0; i < n; i++) {
                        if (!msgs[i]->err) { msgcnt++; bytes += msgs[i]->len; }
                        rd_kafka_message_destroy(msgs[i]);
                }
                last = idle = now_ms();
        }
        double ms = last - first > 0 ? last - first : 1e-3;
        printf("%% %ld messages (%ld bytes) consumed in %.0fms: %.0f msgs/s (%.2f MB/s)\n",
               msgcnt, bytes, ms, msgcnt * 1000.0 / ms, bytes / ms / 1000.0);
        free(msgs);
        rd_kafka_queue_destroy(q);
        rd_kafka_consumer_close(rk);
        rd_kafka_destroy(rk);
        return msgcnt == count ? 0 : 1;
}
