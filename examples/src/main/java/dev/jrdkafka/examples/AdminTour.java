package dev.jrdkafka.examples;

import dev.jrdkafka.OffsetAndMetadata;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.admin.Admin;
import dev.jrdkafka.admin.ResourceResults;
import dev.jrdkafka.cluster.AlterConfigOp;
import dev.jrdkafka.cluster.ConfigEntry;
import dev.jrdkafka.cluster.ConfigResource;
import dev.jrdkafka.cluster.ConsumerGroupDescription;
import dev.jrdkafka.cluster.ListedOffset;
import dev.jrdkafka.cluster.NewTopic;
import dev.jrdkafka.cluster.OffsetSpec;
import dev.jrdkafka.cluster.TopicDescription;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A tour of the Admin client on a real cluster (librdkafka's mock cluster implements no admin
 * requests): create a topic, describe it, change its configuration, list its offsets,
 * inspect a consumer group (listing, description, committed offsets, lag), and delete what
 * was created. Needs the bootstrap servers as its argument.
 */
public final class AdminTour {
    static final String TOPIC = "jrdkafka-example-admin";
    static final String GROUP = "jrdkafka-example-admin-group";
    static final Duration T = Duration.ofSeconds(30);

    private AdminTour() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: AdminTour BOOTSTRAP_SERVERS (a real cluster: the mock cluster has no admin API)");
            System.exit(2);
        }
        KafkaConfig config = KafkaConfig.create().bootstrapServers(args[0]);
        try (Admin admin = Admin.create(config)) {
            // Create: one future per topic; join() waits for this one.
            ResourceResults<String, Void> created = admin.createTopics(List.of(
                    new NewTopic(TOPIC, 3, 1).configs(Map.of("retention.ms", "3600000"))));
            created.value(TOPIC).get(30, TimeUnit.SECONDS);
            System.out.println("created " + TOPIC);

            TopicDescription described = awaitDescribed(admin);
            System.out.println("described: id " + described.topicId() + ", " + described.partitions().size() + " partitions");

            // Configuration: change one entry incrementally, then read it back.
            ConfigResource resource = ConfigResource.topic(TOPIC);
            admin.incrementalAlterConfigs(Map.of(resource, List.of(AlterConfigOp.set("retention.ms", "7200000"))))
                    .all().get(30, TimeUnit.SECONDS);
            String retention = admin.describeConfigs(List.of(resource)).value(resource).get(30, TimeUnit.SECONDS).stream()
                    .filter(e -> e.name().equals("retention.ms")).map(ConfigEntry::value).findFirst().orElse("?");
            System.out.println("retention.ms = " + retention);

            // Some data and a group that committed part of it.
            try (Producer producer = Producer.create(config.copy())) {
                for (int i = 0; i < 30; i++) {
                    producer.send(new ProducerRecord(TOPIC, i % 3, null, ("r" + i).getBytes(StandardCharsets.UTF_8)));
                }
                producer.flush(T);
            }
            TopicPartition p0 = new TopicPartition(TOPIC, 0);
            try (Consumer consumer = Consumer.create(config.copy().groupId(GROUP))) {
                consumer.assign(List.of(p0));
                consumer.commitSync(Map.of(p0, new OffsetAndMetadata(4, "tour")));
            }

            ListedOffset latest = admin.listOffsets(Map.of(p0, OffsetSpec.latest())).value(p0).get(30, TimeUnit.SECONDS);
            System.out.println("latest offset of " + p0 + ": " + latest.offset());
            System.out.println("groups: " + admin.listConsumerGroups().get(30, TimeUnit.SECONDS));
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).value(GROUP).get(30, TimeUnit.SECONDS);
            System.out.println("group " + GROUP + ": " + group.state());
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(List.of(GROUP))
                    .value(GROUP).get(30, TimeUnit.SECONDS);
            System.out.println("committed: " + committed);
            Map<TopicPartition, Long> lag = admin.consumerGroupLag(List.of(GROUP)).value(GROUP).get(30, TimeUnit.SECONDS);
            System.out.println("lag: " + lag);
            if (lag.get(p0) != latest.offset() - 4) {
                System.out.println("FAILED: lag " + lag.get(p0) + ", expected " + (latest.offset() - 4));
                System.exit(1);
            }

            admin.deleteConsumerGroups(List.of(GROUP)).all().get(30, TimeUnit.SECONDS);
            admin.deleteTopics(List.of(TOPIC)).all().get(30, TimeUnit.SECONDS);
            System.out.println("deleted " + GROUP + " and " + TOPIC);
        }
    }

    /** The new topic's description, once the broker's metadata shows it (a moment after creation). */
    private static TopicDescription awaitDescribed(Admin admin) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return admin.describeTopics(List.of(TOPIC)).value(TOPIC).get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException notYet) {
                if (System.nanoTime() - deadline > 0) throw notYet;
                Thread.sleep(100);
            }
        }
    }
}
