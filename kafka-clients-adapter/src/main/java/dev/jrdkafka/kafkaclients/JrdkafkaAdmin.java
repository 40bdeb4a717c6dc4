package dev.jrdkafka.kafkaclients;

import dev.jrdkafka.ClientListener;
import dev.jrdkafka.admin.AdminOptions;
import dev.jrdkafka.admin.ResourceResults;
import dev.jrdkafka.kafkaclients.ConfigTranslator.Role;
import dev.jrdkafka.kafkaclients.ConfigTranslator.Translation;
import dev.jrdkafka.kafkaclients.ErrorMapping.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.AbstractOptions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreatePartitionsOptions;
import org.apache.kafka.clients.admin.CreatePartitionsResult;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DeleteConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DeleteConsumerGroupsResult;
import org.apache.kafka.clients.admin.DeleteRecordsOptions;
import org.apache.kafka.clients.admin.DeleteRecordsResult;
import org.apache.kafka.clients.admin.DeleteTopicsOptions;
import org.apache.kafka.clients.admin.DeleteTopicsResult;
import org.apache.kafka.clients.admin.DeletedRecords;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.JrdkafkaAdminResults;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsResult;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TopicListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.apache.kafka.common.metrics.KafkaMetric;

/**
 * kafka-clients' {@link Admin} over jrdkafka's {@link dev.jrdkafka.admin.Admin}. Implemented:
 * createTopics, deleteTopics (by name), listTopics, describeTopics (by name), describeCluster,
 * createPartitions, deleteRecords, describeConfigs, incrementalAlterConfigs, listGroups,
 * listConsumerGroups, describeConsumerGroups, deleteConsumerGroups, listConsumerGroupOffsets,
 * alterConsumerGroupOffsets, deleteConsumerGroupOffsets, listOffsets, electLeaders,
 * createAcls, describeAcls, deleteAcls, describeUserScramCredentials,
 * alterUserScramCredentials, metrics and close. Every other operation throws
 * {@link UnsupportedOperationException} naming the librdkafka API that is missing. Arguments
 * jrdkafka refuses (an ACL filter with UNKNOWN values, two SCRAM alterations of one user) fail
 * the result's futures with {@link org.apache.kafka.common.errors.InvalidRequestException}, as
 * kafka-clients reports them. Needs the class path (its result builder lives in kafka-clients'
 * package, see {@link JrdkafkaAdminResults}).
 */
public final class JrdkafkaAdmin implements Admin {
    private final dev.jrdkafka.admin.Admin admin;
    private final StatisticsMetrics metrics;

    public JrdkafkaAdmin(Properties properties) {
        this(ConfigTranslator.translate(properties, Role.ADMIN));
    }

    public JrdkafkaAdmin(Map<String, Object> configs) {
        this(ConfigTranslator.translate(configs, Role.ADMIN));
    }

    private JrdkafkaAdmin(Translation t) {
        String clientId = t.config().get("client.id").orElse("adminclient-jrdkafka");
        t.config().clientId(clientId);
        this.metrics = new StatisticsMetrics(Role.ADMIN, clientId);
        StatisticsMetrics m = metrics;
        this.admin = dev.jrdkafka.admin.Admin.create(t.config(), new ClientListener() {
            @Override
            public void onStats(String json) {
                m.onStats(json);
            }
        });
    }

    /** jrdkafka's Admin underneath, for what kafka-clients' interface has no call for (e.g. consumerGroupLag). */
    public dev.jrdkafka.admin.Admin unwrap() {
        return admin;
    }

    // ---- futures ----------------------------------------------------------------------

    private static <A, B> KafkaFuture<B> future(CompletableFuture<A> source, Function<A, B> convert) {
        KafkaFutureImpl<B> f = new KafkaFutureImpl<>();
        source.whenComplete((v, e) -> {
            if (e == null) {
                try {
                    f.complete(convert.apply(v));
                } catch (RuntimeException c) {
                    f.completeExceptionally(c);
                }
            } else {
                f.completeExceptionally(error(e));
            }
        });
        return f;
    }

    private static Throwable error(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return t instanceof RuntimeException r ? ErrorMapping.toKafkaClients(r, Side.ADMIN) : t;
    }

    private static <K, A, B> Map<K, KafkaFuture<B>> futures(ResourceResults<K, A> results, Function<A, B> convert) {
        Map<K, KafkaFuture<B>> out = new LinkedHashMap<>();
        results.values().forEach((k, f) -> out.put(k, future(f, convert)));
        return out;
    }

    private static <T> KafkaFuture<T> failed(Throwable e) {
        KafkaFutureImpl<T> f = new KafkaFutureImpl<>();
        f.completeExceptionally(error(e));
        return f;
    }

    private static AdminOptions options(AbstractOptions<?> o) {
        AdminOptions a = AdminOptions.defaults();
        if (o.timeoutMs() != null) {
            a = a.withRequestTimeout(Duration.ofMillis(o.timeoutMs())).withOperationTimeout(Duration.ofMillis(o.timeoutMs()));
        }
        return a;
    }

    private static Duration timeout(AbstractOptions<?> o) {
        return Duration.ofMillis(o.timeoutMs() == null ? 60_000 : o.timeoutMs());
    }

    private static UnsupportedOperationException unsupported(String op, String why) {
        return new UnsupportedOperationException("Admin." + op + ": " + why);
    }

    // ---- topics -----------------------------------------------------------------------

    @Override
    public CreateTopicsResult createTopics(Collection<NewTopic> newTopics, CreateTopicsOptions options) {
        List<dev.jrdkafka.cluster.NewTopic> topics = new ArrayList<>();
        for (NewTopic t : newTopics) {
            topics.add(new dev.jrdkafka.cluster.NewTopic(t.name(), t.numPartitions(), t.replicationFactor(),
                    t.replicasAssignments() == null ? Map.of() : t.replicasAssignments(), t.configs() == null ? Map.of() : t.configs()));
        }
        AdminOptions o = options(options).withValidateOnly(options.shouldValidateOnly());
        ResourceResults<String, Void> r = admin.createTopics(topics, o);
        Map<String, KafkaFuture<CreateTopicsResult.TopicMetadataAndConfig>> out = new LinkedHashMap<>();
        for (NewTopic t : newTopics) {
            out.put(t.name(), future(r.value(t.name()),
                    v -> JrdkafkaAdminResults.created(Uuid.ZERO_UUID, t.numPartitions(), t.replicationFactor())));
        }
        return JrdkafkaAdminResults.createTopics(out);
    }

    @Override
    public DeleteTopicsResult deleteTopics(TopicCollection topics, DeleteTopicsOptions options) {
        if (!(topics instanceof TopicCollection.TopicNameCollection names)) {
            throw unsupported("deleteTopics", "by topic id: librdkafka 2.15.0 deletes topics by name only");
        }
        return JrdkafkaAdminResults.deleteTopics(futures(admin.deleteTopics(names.topicNames(), options(options)), v -> v));
    }

    @Override
    public ListTopicsResult listTopics(ListTopicsOptions options) {
        CompletableFuture<Map<String, TopicListing>> f = CompletableFuture.supplyAsync(() -> {
            Map<String, TopicListing> out = new LinkedHashMap<>();
            for (String name : admin.metadata(timeout(options)).topics().keySet()) {
                boolean internal = name.startsWith("__");
                if (internal && !options.shouldListInternal()) continue;
                out.put(name, new TopicListing(name, Uuid.ZERO_UUID, internal));
            }
            return out;
        });
        return JrdkafkaAdminResults.listTopics(future(f, v -> v));
    }

    @Override
    public DescribeTopicsResult describeTopics(TopicCollection topics, DescribeTopicsOptions options) {
        if (!(topics instanceof TopicCollection.TopicNameCollection names)) {
            throw unsupported("describeTopics", "by topic id: librdkafka 2.15.0 describes topics by name only");
        }
        AdminOptions o = options(options).withIncludeAuthorizedOperations(options.includeAuthorizedOperations());
        return JrdkafkaAdminResults.describeTopics(futures(admin.describeTopics(names.topicNames(), o), JrdkafkaAdmin::topic));
    }

    private static TopicDescription topic(dev.jrdkafka.cluster.TopicDescription d) {
        List<TopicPartitionInfo> parts = new ArrayList<>();
        for (var p : d.partitions()) {
            parts.add(new TopicPartitionInfo(p.partition(), node(p.leader()), nodes(p.replicas()), nodes(p.inSyncReplicas())));
        }
        Uuid id = d.topicId() == null ? Uuid.ZERO_UUID
                : new Uuid(d.topicId().getMostSignificantBits(), d.topicId().getLeastSignificantBits());
        return new TopicDescription(d.name(), d.internal(), parts, operations(d.authorizedOperations()), id);
    }

    static Set<AclOperation> operations(Set<dev.jrdkafka.cluster.AclOperation> ops) {
        if (ops == null || ops.isEmpty()) return null;
        Set<AclOperation> out = new HashSet<>();
        for (var op : ops) out.add(AclOperation.fromCode((byte) op.code()));
        return out;
    }

    static Node node(dev.jrdkafka.cluster.Node n) {
        return n == null ? null : new Node(n.id(), n.host(), n.port(), n.rack());
    }

    private static List<Node> nodes(List<dev.jrdkafka.cluster.Node> ns) {
        List<Node> out = new ArrayList<>(ns.size());
        for (var n : ns) out.add(node(n));
        return out;
    }

    @Override
    public DescribeClusterResult describeCluster(DescribeClusterOptions options) {
        AdminOptions o = options(options).withIncludeAuthorizedOperations(options.includeAuthorizedOperations());
        CompletableFuture<dev.jrdkafka.cluster.ClusterDescription> d = admin.describeCluster(o);
        return JrdkafkaAdminResults.describeCluster(future(d, c -> (Collection<Node>) nodes(c.nodes())), future(d, c -> node(c.controller())),
                future(d, dev.jrdkafka.cluster.ClusterDescription::clusterId), future(d, c -> operations(c.authorizedOperations())));
    }

    @Override
    public CreatePartitionsResult createPartitions(Map<String, NewPartitions> newPartitions, CreatePartitionsOptions options) {
        List<dev.jrdkafka.cluster.NewPartitions> list = new ArrayList<>();
        newPartitions.forEach((topic, p) -> list.add(new dev.jrdkafka.cluster.NewPartitions(topic, p.totalCount(),
                p.assignments() == null ? List.of() : p.assignments())));
        AdminOptions o = options(options).withValidateOnly(options.validateOnly());
        return JrdkafkaAdminResults.createPartitions(futures(admin.createPartitions(list, o), v -> v));
    }

    @Override
    public DeleteRecordsResult deleteRecords(Map<TopicPartition, RecordsToDelete> recordsToDelete, DeleteRecordsOptions options) {
        Map<dev.jrdkafka.TopicPartition, Long> before = new LinkedHashMap<>();
        recordsToDelete.forEach((tp, r) -> before.put(Convert.toJrd(tp), r.beforeOffset()));
        ResourceResults<dev.jrdkafka.TopicPartition, Long> r = admin.deleteRecords(before, options(options));
        Map<TopicPartition, KafkaFuture<DeletedRecords>> out = new LinkedHashMap<>();
        r.values().forEach((tp, f) -> out.put(Convert.toKafka(tp), future(f, DeletedRecords::new)));
        return new DeleteRecordsResult(out);
    }

    @Override
    public ListOffsetsResult listOffsets(Map<TopicPartition, OffsetSpec> topicPartitionOffsets, ListOffsetsOptions options) {
        Map<dev.jrdkafka.TopicPartition, dev.jrdkafka.cluster.OffsetSpec> specs = new LinkedHashMap<>();
        topicPartitionOffsets.forEach((tp, s) -> specs.put(Convert.toJrd(tp), spec(s)));
        AdminOptions o = options(options).withIsolationLevel(options.isolationLevel() == IsolationLevel.READ_COMMITTED
                ? AdminOptions.IsolationLevel.READ_COMMITTED : AdminOptions.IsolationLevel.READ_UNCOMMITTED);
        Map<TopicPartition, KafkaFuture<ListOffsetsResult.ListOffsetsResultInfo>> out = new LinkedHashMap<>();
        admin.listOffsets(specs, o).values().forEach((tp, f) -> out.put(Convert.toKafka(tp), future(f,
                l -> new ListOffsetsResult.ListOffsetsResultInfo(l.offset(), l.timestamp(),
                        l.leaderEpoch() < 0 ? java.util.Optional.empty() : java.util.Optional.of(l.leaderEpoch())))));
        return new ListOffsetsResult(out);
    }

    private static dev.jrdkafka.cluster.OffsetSpec spec(OffsetSpec s) {
        return switch (s) {
            case OffsetSpec.EarliestSpec e -> dev.jrdkafka.cluster.OffsetSpec.earliest();
            case OffsetSpec.LatestSpec l -> dev.jrdkafka.cluster.OffsetSpec.latest();
            case OffsetSpec.MaxTimestampSpec m -> dev.jrdkafka.cluster.OffsetSpec.maxTimestamp();
            case OffsetSpec.TimestampSpec t -> dev.jrdkafka.cluster.OffsetSpec.forTimestamp(JrdkafkaAdminResults.timestamp(t));
            default -> throw unsupported("listOffsets", s.getClass().getSimpleName() + ": librdkafka 2.15.0 lists earliest,"
                    + " latest, max-timestamp and by-timestamp offsets only");
        };
    }

    // ---- groups --------------------------------------------------------------------------

    @Override
    public DeleteConsumerGroupsResult deleteConsumerGroups(Collection<String> groupIds, DeleteConsumerGroupsOptions options) {
        return JrdkafkaAdminResults.deleteConsumerGroups(futures(admin.deleteConsumerGroups(groupIds, options(options)), v -> v));
    }

    @Override
    public ListConsumerGroupOffsetsResult listConsumerGroupOffsets(Map<String, ListConsumerGroupOffsetsSpec> groupSpecs,
                                                                   ListConsumerGroupOffsetsOptions options) {
        AdminOptions o = options(options).withRequireStableOffsets(options.requireStable());
        Map<String, KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>> out = new LinkedHashMap<>();
        groupSpecs.forEach((group, spec) -> {
            ResourceResults<String, Map<dev.jrdkafka.TopicPartition, dev.jrdkafka.OffsetAndMetadata>> r =
                    spec.topicPartitions() == null ? admin.listConsumerGroupOffsets(List.of(group), o)
                            : admin.listConsumerGroupOffsets(Map.of(group, Convert.partitionsToJrd(spec.topicPartitions())), o);
            out.put(group, future(r.value(group), m -> {
                Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
                m.forEach((tp, om) -> offsets.put(Convert.toKafka(tp), om == null ? null : Convert.toKafka(om)));
                return offsets;
            }));
        });
        return JrdkafkaAdminResults.listConsumerGroupOffsets(out);
    }

    // ---- configs ------------------------------------------------------------------------

    private static dev.jrdkafka.cluster.ConfigResource resource(org.apache.kafka.common.config.ConfigResource r) {
        dev.jrdkafka.cluster.ConfigResource.Type type = switch (r.type()) {
            case TOPIC -> dev.jrdkafka.cluster.ConfigResource.Type.TOPIC;
            case GROUP -> dev.jrdkafka.cluster.ConfigResource.Type.GROUP;
            case BROKER -> dev.jrdkafka.cluster.ConfigResource.Type.BROKER;
            default -> throw unsupported("configs", "resource type " + r.type() + ": librdkafka 2.15.0 serves TOPIC, GROUP"
                    + " and BROKER configs");
        };
        return new dev.jrdkafka.cluster.ConfigResource(type, r.name());
    }

    private static org.apache.kafka.clients.admin.ConfigEntry.ConfigSource source(dev.jrdkafka.cluster.ConfigSource s) {
        try {
            return org.apache.kafka.clients.admin.ConfigEntry.ConfigSource.valueOf(s.name());
        } catch (IllegalArgumentException e) {
            return org.apache.kafka.clients.admin.ConfigEntry.ConfigSource.UNKNOWN;
        }
    }

    @Override
    public org.apache.kafka.clients.admin.DescribeConfigsResult describeConfigs(
            Collection<org.apache.kafka.common.config.ConfigResource> resources, org.apache.kafka.clients.admin.DescribeConfigsOptions options) {
        Map<dev.jrdkafka.cluster.ConfigResource, org.apache.kafka.common.config.ConfigResource> asked = new LinkedHashMap<>();
        for (var r : resources) asked.put(resource(r), r);
        ResourceResults<dev.jrdkafka.cluster.ConfigResource, List<dev.jrdkafka.cluster.ConfigEntry>> r =
                admin.describeConfigs(asked.keySet(), options(options));
        Map<org.apache.kafka.common.config.ConfigResource, KafkaFuture<org.apache.kafka.clients.admin.Config>> out = new LinkedHashMap<>();
        r.values().forEach((res, f) -> out.put(asked.get(res), future(f, entries -> {
            List<org.apache.kafka.clients.admin.ConfigEntry> list = new ArrayList<>();
            for (var e : entries) {
                List<org.apache.kafka.clients.admin.ConfigEntry.ConfigSynonym> synonyms = new ArrayList<>();
                if (options.includeSynonyms()) {
                    for (var syn : e.synonyms()) synonyms.add(JrdkafkaAdminResults.synonym(syn.name(), syn.value(), source(syn.source())));
                }
                list.add(new org.apache.kafka.clients.admin.ConfigEntry(e.name(), e.value(), source(e.source()), e.isSensitive(),
                        e.isReadOnly(), synonyms, org.apache.kafka.clients.admin.ConfigEntry.ConfigType.UNKNOWN, null));
            }
            return new org.apache.kafka.clients.admin.Config(list);
        })));
        return JrdkafkaAdminResults.describeConfigs(out);
    }

    @Override
    public org.apache.kafka.clients.admin.AlterConfigsResult incrementalAlterConfigs(
            Map<org.apache.kafka.common.config.ConfigResource, Collection<org.apache.kafka.clients.admin.AlterConfigOp>> configs,
            org.apache.kafka.clients.admin.AlterConfigsOptions options) {
        Map<dev.jrdkafka.cluster.ConfigResource, org.apache.kafka.common.config.ConfigResource> asked = new LinkedHashMap<>();
        Map<dev.jrdkafka.cluster.ConfigResource, List<dev.jrdkafka.cluster.AlterConfigOp>> ops = new LinkedHashMap<>();
        configs.forEach((res, list) -> {
            var jr = resource(res);
            asked.put(jr, res);
            List<dev.jrdkafka.cluster.AlterConfigOp> jops = new ArrayList<>();
            for (var op : list) {
                jops.add(new dev.jrdkafka.cluster.AlterConfigOp(op.configEntry().name(),
                        dev.jrdkafka.cluster.AlterConfigOp.OpType.valueOf(op.opType().name()), op.configEntry().value()));
            }
            ops.put(jr, jops);
        });
        AdminOptions o = options(options).withValidateOnly(options.shouldValidateOnly());
        Map<org.apache.kafka.common.config.ConfigResource, KafkaFuture<Void>> out = new LinkedHashMap<>();
        admin.incrementalAlterConfigs(ops, o).values().forEach((res, f) -> out.put(asked.get(res), future(f, v -> v)));
        return JrdkafkaAdminResults.alterConfigs(out);
    }

    // ---- group offsets -----------------------------------------------------------------

    @Override
    public org.apache.kafka.clients.admin.AlterConsumerGroupOffsetsResult alterConsumerGroupOffsets(String groupId,
            Map<TopicPartition, OffsetAndMetadata> offsets, org.apache.kafka.clients.admin.AlterConsumerGroupOffsetsOptions options) {
        ResourceResults<dev.jrdkafka.TopicPartition, Void> r =
                admin.alterConsumerGroupOffsets(groupId, Convert.offsetsToJrd(offsets), options(options));
        return JrdkafkaAdminResults.alterConsumerGroupOffsets(perPartitionErrors(r));
    }

    @Override
    public org.apache.kafka.clients.admin.DeleteConsumerGroupOffsetsResult deleteConsumerGroupOffsets(String groupId,
            Set<TopicPartition> partitions, org.apache.kafka.clients.admin.DeleteConsumerGroupOffsetsOptions options) {
        ResourceResults<dev.jrdkafka.TopicPartition, Void> r =
                admin.deleteConsumerGroupOffsets(groupId, Convert.partitionsToJrd(partitions), options(options));
        return JrdkafkaAdminResults.deleteConsumerGroupOffsets(perPartitionErrors(r), Set.copyOf(partitions));
    }

    /** kafka-clients' shape for these two: one future of per-partition protocol errors. */
    private static KafkaFuture<Map<TopicPartition, org.apache.kafka.common.protocol.Errors>> perPartitionErrors(
            ResourceResults<dev.jrdkafka.TopicPartition, Void> r) {
        KafkaFutureImpl<Map<TopicPartition, org.apache.kafka.common.protocol.Errors>> f = new KafkaFutureImpl<>();
        r.all().whenComplete((v, e) -> {
            Map<TopicPartition, org.apache.kafka.common.protocol.Errors> errors = new LinkedHashMap<>();
            r.values().forEach((tp, pf) -> {
                org.apache.kafka.common.protocol.Errors err = org.apache.kafka.common.protocol.Errors.NONE;
                if (pf.isCompletedExceptionally()) {
                    try {
                        pf.join();
                    } catch (CompletionException | java.util.concurrent.CancellationException x) {
                        err = org.apache.kafka.common.protocol.Errors.forException(error(x));
                    }
                }
                errors.put(Convert.toKafka(tp), err);
            });
            f.complete(errors);
        });
        return f;
    }

    // ---- consumer groups ----------------------------------------------------------------

    @Override
    @SuppressWarnings({"removal", "deprecation"}) // kafka-clients deprecates it in favour of listGroups; Admin still declares it
    public org.apache.kafka.clients.admin.ListConsumerGroupsResult listConsumerGroups(
            org.apache.kafka.clients.admin.ListConsumerGroupsOptions options) {
        AdminOptions o = options(options);
        if (!options.groupStates().isEmpty()) o = o.withMatchGroupStates(GroupConvert.statesToJrd(options.groupStates()));
        if (!options.types().isEmpty()) o = o.withMatchGroupTypes(GroupConvert.typesToJrd(options.types()));
        return JrdkafkaAdminResults.listConsumerGroups(future(admin.listConsumerGroups(o), l -> {
            List<Object> out = new ArrayList<>();
            for (var g : l.groups()) out.add(GroupConvert.consumerListing(g));
            for (var e : l.errors()) out.add(error(e));
            return out;
        }));
    }

    /**
     * librdkafka's ListConsumerGroups; a listing's protocol is "consumer", or "" for a simple
     * group (librdkafka reports only that), and {@code withProtocolTypes} filters on it.
     */
    @Override
    public org.apache.kafka.clients.admin.ListGroupsResult listGroups(org.apache.kafka.clients.admin.ListGroupsOptions options) {
        AdminOptions o = options(options);
        if (!options.groupStates().isEmpty()) o = o.withMatchGroupStates(GroupConvert.statesToJrd(options.groupStates()));
        if (!options.types().isEmpty()) o = o.withMatchGroupTypes(GroupConvert.typesToJrd(options.types()));
        Set<String> protocols = options.protocolTypes();
        return JrdkafkaAdminResults.listGroups(future(admin.listConsumerGroups(o), l -> {
            List<Object> out = new ArrayList<>();
            for (var g : l.groups()) {
                if (protocols.isEmpty() || protocols.contains(GroupConvert.protocol(g))) out.add(GroupConvert.groupListing(g));
            }
            for (var e : l.errors()) out.add(error(e));
            return out;
        }));
    }

    @Override
    public org.apache.kafka.clients.admin.DescribeConsumerGroupsResult describeConsumerGroups(Collection<String> groupIds,
            org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions options) {
        AdminOptions o = options(options).withIncludeAuthorizedOperations(options.includeAuthorizedOperations());
        List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(groupIds));
        return new org.apache.kafka.clients.admin.DescribeConsumerGroupsResult(
                futures(admin.describeConsumerGroups(ids, o), GroupConvert::description));
    }

    // ---- leaders -----------------------------------------------------------------------

    @Override
    public org.apache.kafka.clients.admin.ElectLeadersResult electLeaders(org.apache.kafka.common.ElectionType electionType,
            Set<TopicPartition> partitions, org.apache.kafka.clients.admin.ElectLeadersOptions options) {
        dev.jrdkafka.cluster.ElectionType type = dev.jrdkafka.cluster.ElectionType.valueOf(electionType.name());
        KafkaFutureImpl<Map<TopicPartition, java.util.Optional<Throwable>>> f = new KafkaFutureImpl<>();
        if (partitions == null) {
            admin.electAllLeaders(type, options(options)).whenComplete((m, e) -> {
                if (e != null) {
                    f.completeExceptionally(error(e));
                    return;
                }
                Map<TopicPartition, java.util.Optional<Throwable>> out = new LinkedHashMap<>();
                m.forEach((tp, err) -> out.put(Convert.toKafka(tp), err.map(JrdkafkaAdmin::error)));
                f.complete(out);
            });
        } else if (partitions.isEmpty()) {
            f.complete(Map.of());
        } else {
            ResourceResults<dev.jrdkafka.TopicPartition, Void> r =
                    admin.electLeaders(type, Convert.partitionsToJrd(partitions), options(options));
            r.all().whenComplete((v, e) -> {
                Map<TopicPartition, java.util.Optional<Throwable>> out = new LinkedHashMap<>();
                r.values().forEach((tp, pf) -> out.put(Convert.toKafka(tp), java.util.Optional.ofNullable(failure(pf))));
                f.complete(out);
            });
        }
        return JrdkafkaAdminResults.electLeaders(f);
    }

    /** A completed future's failure as kafka-clients' exception, or null. */
    private static Throwable failure(CompletableFuture<?> f) {
        if (!f.isCompletedExceptionally()) return null;
        try {
            f.join();
            return null;
        } catch (CompletionException | java.util.concurrent.CancellationException x) {
            return error(x);
        }
    }

    // ---- ACLs --------------------------------------------------------------------------

    @Override
    public org.apache.kafka.clients.admin.CreateAclsResult createAcls(Collection<org.apache.kafka.common.acl.AclBinding> acls,
            org.apache.kafka.clients.admin.CreateAclsOptions options) {
        Map<dev.jrdkafka.cluster.AclBinding, org.apache.kafka.common.acl.AclBinding> asked = new LinkedHashMap<>();
        for (var b : acls) asked.put(AclConvert.toJrd(b), b);
        Map<org.apache.kafka.common.acl.AclBinding, KafkaFuture<Void>> out = new LinkedHashMap<>();
        try {
            admin.createAcls(asked.keySet(), options(options)).values().forEach((b, f) -> out.put(asked.get(b), future(f, v -> v)));
        } catch (IllegalArgumentException invalid) {
            for (var b : asked.values()) out.put(b, failed(new org.apache.kafka.common.errors.InvalidRequestException(invalid.getMessage())));
        }
        return JrdkafkaAdminResults.createAcls(out);
    }

    @Override
    public org.apache.kafka.clients.admin.DescribeAclsResult describeAcls(org.apache.kafka.common.acl.AclBindingFilter filter,
            org.apache.kafka.clients.admin.DescribeAclsOptions options) {
        KafkaFuture<Collection<org.apache.kafka.common.acl.AclBinding>> f;
        try {
            f = future(admin.describeAcls(AclConvert.toJrd(filter), options(options)), JrdkafkaAdmin::aclsToKafka);
        } catch (IllegalArgumentException invalid) {
            f = failed(new org.apache.kafka.common.errors.InvalidRequestException(invalid.getMessage()));
        }
        return JrdkafkaAdminResults.describeAcls(f);
    }

    @Override
    public org.apache.kafka.clients.admin.DeleteAclsResult deleteAcls(Collection<org.apache.kafka.common.acl.AclBindingFilter> filters,
            org.apache.kafka.clients.admin.DeleteAclsOptions options) {
        Map<dev.jrdkafka.cluster.AclBindingFilter, org.apache.kafka.common.acl.AclBindingFilter> asked = new LinkedHashMap<>();
        for (var f : filters) asked.put(AclConvert.toJrd(f), f);
        Map<org.apache.kafka.common.acl.AclBindingFilter, KafkaFuture<org.apache.kafka.clients.admin.DeleteAclsResult.FilterResults>> out =
                new LinkedHashMap<>();
        try {
            admin.deleteAcls(asked.keySet(), options(options)).values().forEach((filter, f) -> out.put(asked.get(filter),
                    future(f, deleted -> JrdkafkaAdminResults.deletedAcls(aclsToKafka(deleted)))));
        } catch (IllegalArgumentException invalid) {
            for (var f : asked.values()) out.put(f, failed(new org.apache.kafka.common.errors.InvalidRequestException(invalid.getMessage())));
        }
        return JrdkafkaAdminResults.deleteAcls(out);
    }

    private static Collection<org.apache.kafka.common.acl.AclBinding> aclsToKafka(List<dev.jrdkafka.cluster.AclBinding> acls) {
        List<org.apache.kafka.common.acl.AclBinding> out = new ArrayList<>(acls.size());
        for (var b : acls) out.add(AclConvert.toKafka(b));
        return out;
    }

    // ---- SCRAM credentials ---------------------------------------------------------------

    /** Users' SCRAM credentials; no users (null or empty) describes every user, as kafka-clients does. */
    @Override
    public org.apache.kafka.clients.admin.DescribeUserScramCredentialsResult describeUserScramCredentials(List<String> users,
            org.apache.kafka.clients.admin.DescribeUserScramCredentialsOptions options) {
        KafkaFutureImpl<Map<String, Object>> byUser = new KafkaFutureImpl<>();
        if (users == null || users.isEmpty()) {
            admin.describeUserScramCredentials(options(options)).whenComplete((m, e) -> {
                if (e != null) byUser.completeExceptionally(error(e));
                else {
                    Map<String, Object> out = new LinkedHashMap<>();
                    m.forEach((user, infos) -> out.put(user, scramToKafka(infos)));
                    byUser.complete(out);
                }
            });
        } else {
            ResourceResults<String, List<dev.jrdkafka.cluster.ScramCredentialInfo>> r =
                    admin.describeUserScramCredentials(new java.util.LinkedHashSet<>(users), options(options));
            r.all().whenComplete((v, e) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                r.values().forEach((user, f) -> {
                    Throwable t = failure(f);
                    m.put(user, t != null ? t : scramToKafka(f.join()));
                });
                byUser.complete(m);
            });
        }
        return JrdkafkaAdminResults.describeUserScramCredentials(byUser);
    }

    @Override
    public org.apache.kafka.clients.admin.AlterUserScramCredentialsResult alterUserScramCredentials(
            List<org.apache.kafka.clients.admin.UserScramCredentialAlteration> alterations,
            org.apache.kafka.clients.admin.AlterUserScramCredentialsOptions options) {
        Map<String, KafkaFuture<Void>> out = new LinkedHashMap<>();
        try {
            List<dev.jrdkafka.cluster.UserScramCredentialAlteration> list = new ArrayList<>();
            for (var a : alterations) list.add(alteration(a));
            out.putAll(futures(admin.alterUserScramCredentials(list, options(options)), v -> v));
        } catch (IllegalArgumentException invalid) {
            // kafka-clients reports invalid alterations through the futures, not by throwing.
            for (var a : alterations) {
                out.put(a.user(), failed(new org.apache.kafka.common.errors.InvalidRequestException(invalid.getMessage())));
            }
        }
        return new org.apache.kafka.clients.admin.AlterUserScramCredentialsResult(out);
    }

    private static dev.jrdkafka.cluster.UserScramCredentialAlteration alteration(
            org.apache.kafka.clients.admin.UserScramCredentialAlteration a) {
        return switch (a) {
            case org.apache.kafka.clients.admin.UserScramCredentialUpsertion u -> new dev.jrdkafka.cluster.UserScramCredentialUpsertion(
                    u.user(), mechanism(u.credentialInfo().mechanism()), u.credentialInfo().iterations(), u.password(), u.salt());
            case org.apache.kafka.clients.admin.UserScramCredentialDeletion d ->
                    new dev.jrdkafka.cluster.UserScramCredentialDeletion(d.user(), mechanism(d.mechanism()));
            default -> throw new IllegalArgumentException("unknown SCRAM credential alteration " + a.getClass().getName());
        };
    }

    private static List<org.apache.kafka.clients.admin.ScramCredentialInfo> scramToKafka(
            List<dev.jrdkafka.cluster.ScramCredentialInfo> infos) {
        List<org.apache.kafka.clients.admin.ScramCredentialInfo> out = new ArrayList<>();
        for (var i : infos) {
            out.add(new org.apache.kafka.clients.admin.ScramCredentialInfo(
                    org.apache.kafka.clients.admin.ScramMechanism.fromType((byte) i.mechanism().code()), i.iterations()));
        }
        return out;
    }

    private static dev.jrdkafka.cluster.ScramMechanism mechanism(org.apache.kafka.clients.admin.ScramMechanism m) {
        return dev.jrdkafka.cluster.ScramMechanism.fromCode(m.type());
    }

    // ---- client ---------------------------------------------------------------------------

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return metrics.metrics();
    }

    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {}

    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {}

    @Override
    public Uuid clientInstanceId(Duration timeout) {
        throw unsupported("clientInstanceId", "librdkafka 2.15.0 has no public call returning the KIP-714 client instance id");
    }

    @Override
    public void close(Duration timeout) {
        admin.close(timeout.compareTo(Duration.ofDays(365)) > 0 ? Duration.ofDays(365) : timeout);
    }

    // ---- not served -----------------------------------------------------------------------

    @Override
    public org.apache.kafka.clients.admin.AlterReplicaLogDirsResult alterReplicaLogDirs(java.util.Map<org.apache.kafka.common.TopicPartitionReplica, java.lang.String> arg0, org.apache.kafka.clients.admin.AlterReplicaLogDirsOptions arg1) {
        throw unsupported("alterReplicaLogDirs", "librdkafka 2.15.0 has no AlterReplicaLogDirs Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.DescribeLogDirsResult describeLogDirs(java.util.Collection<java.lang.Integer> arg0, org.apache.kafka.clients.admin.DescribeLogDirsOptions arg1) {
        throw unsupported("describeLogDirs", "librdkafka 2.15.0 has no DescribeLogDirs Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.DescribeReplicaLogDirsResult describeReplicaLogDirs(java.util.Collection<org.apache.kafka.common.TopicPartitionReplica> arg0, org.apache.kafka.clients.admin.DescribeReplicaLogDirsOptions arg1) {
        throw unsupported("describeReplicaLogDirs", "librdkafka 2.15.0 has no DescribeLogDirs Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.CreateDelegationTokenResult createDelegationToken(org.apache.kafka.clients.admin.CreateDelegationTokenOptions arg0) {
        throw unsupported("createDelegationToken", "librdkafka 2.15.0 has no delegation-token Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.RenewDelegationTokenResult renewDelegationToken(byte[] arg0, org.apache.kafka.clients.admin.RenewDelegationTokenOptions arg1) {
        throw unsupported("renewDelegationToken", "librdkafka 2.15.0 has no delegation-token Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.ExpireDelegationTokenResult expireDelegationToken(byte[] arg0, org.apache.kafka.clients.admin.ExpireDelegationTokenOptions arg1) {
        throw unsupported("expireDelegationToken", "librdkafka 2.15.0 has no delegation-token Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.DescribeDelegationTokenResult describeDelegationToken(org.apache.kafka.clients.admin.DescribeDelegationTokenOptions arg0) {
        throw unsupported("describeDelegationToken", "librdkafka 2.15.0 has no delegation-token Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.ListStreamsGroupOffsetsResult listStreamsGroupOffsets(java.util.Map<java.lang.String, org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec> arg0, org.apache.kafka.clients.admin.ListStreamsGroupOffsetsOptions arg1) {
        throw unsupported("listStreamsGroupOffsets", "librdkafka 2.15.0 has no streams-group Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.DeleteStreamsGroupsResult deleteStreamsGroups(java.util.Collection<java.lang.String> arg0, org.apache.kafka.clients.admin.DeleteStreamsGroupsOptions arg1) {
        throw unsupported("deleteStreamsGroups", "librdkafka 2.15.0 has no streams-group Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.DeleteStreamsGroupOffsetsResult deleteStreamsGroupOffsets(java.lang.String arg0, java.util.Set<org.apache.kafka.common.TopicPartition> arg1, org.apache.kafka.clients.admin.DeleteStreamsGroupOffsetsOptions arg2) {
        throw unsupported("deleteStreamsGroupOffsets", "librdkafka 2.15.0 has no streams-group Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.AlterPartitionReassignmentsResult alterPartitionReassignments(java.util.Map<org.apache.kafka.common.TopicPartition, java.util.Optional<org.apache.kafka.clients.admin.NewPartitionReassignment>> arg0, org.apache.kafka.clients.admin.AlterPartitionReassignmentsOptions arg1) {
        throw unsupported("alterPartitionReassignments", "librdkafka 2.15.0 has no AlterPartitionReassignments Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.ListPartitionReassignmentsResult listPartitionReassignments(java.util.Optional<java.util.Set<org.apache.kafka.common.TopicPartition>> arg0, org.apache.kafka.clients.admin.ListPartitionReassignmentsOptions arg1) {
        throw unsupported("listPartitionReassignments", "librdkafka 2.15.0 has no ListPartitionReassignments Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupResult removeMembersFromConsumerGroup(java.lang.String arg0, org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions arg1) {
        throw unsupported("removeMembersFromConsumerGroup", "librdkafka 2.15.0 has no LeaveGroup (remove members) Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.AlterStreamsGroupOffsetsResult alterStreamsGroupOffsets(java.lang.String arg0, java.util.Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> arg1, org.apache.kafka.clients.admin.AlterStreamsGroupOffsetsOptions arg2) {
        throw unsupported("alterStreamsGroupOffsets", "librdkafka 2.15.0 has no streams-group Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.DescribeClientQuotasResult describeClientQuotas(org.apache.kafka.common.quota.ClientQuotaFilter arg0, org.apache.kafka.clients.admin.DescribeClientQuotasOptions arg1) {
        throw unsupported("describeClientQuotas", "librdkafka 2.15.0 has no DescribeClientQuotas Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.AlterClientQuotasResult alterClientQuotas(java.util.Collection<org.apache.kafka.common.quota.ClientQuotaAlteration> arg0, org.apache.kafka.clients.admin.AlterClientQuotasOptions arg1) {
        throw unsupported("alterClientQuotas", "librdkafka 2.15.0 has no AlterClientQuotas Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.DescribeFeaturesResult describeFeatures(org.apache.kafka.clients.admin.DescribeFeaturesOptions arg0) {
        throw unsupported("describeFeatures", "librdkafka 2.15.0 has no DescribeFeatures (features) Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.UpdateFeaturesResult updateFeatures(java.util.Map<java.lang.String, org.apache.kafka.clients.admin.FeatureUpdate> arg0, org.apache.kafka.clients.admin.UpdateFeaturesOptions arg1) {
        throw unsupported("updateFeatures", "librdkafka 2.15.0 has no UpdateFeatures Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.DescribeMetadataQuorumResult describeMetadataQuorum(org.apache.kafka.clients.admin.DescribeMetadataQuorumOptions arg0) {
        throw unsupported("describeMetadataQuorum", "librdkafka 2.15.0 has no DescribeQuorum Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.UnregisterBrokerResult unregisterBroker(int arg0, org.apache.kafka.clients.admin.UnregisterBrokerOptions arg1) {
        throw unsupported("unregisterBroker", "librdkafka 2.15.0 has no UnregisterBroker Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.UnregisterControllerResult unregisterController(int arg0, org.apache.kafka.clients.admin.UnregisterControllerOptions arg1) {
        throw unsupported("unregisterController", "librdkafka 2.15.0 has no UnregisterController Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.DescribeProducersResult describeProducers(java.util.Collection<org.apache.kafka.common.TopicPartition> arg0, org.apache.kafka.clients.admin.DescribeProducersOptions arg1) {
        throw unsupported("describeProducers", "librdkafka 2.15.0 has no DescribeProducers Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.DescribeTransactionsResult describeTransactions(java.util.Collection<java.lang.String> arg0, org.apache.kafka.clients.admin.DescribeTransactionsOptions arg1) {
        throw unsupported("describeTransactions", "librdkafka 2.15.0 has no DescribeTransactions Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.AbortTransactionResult abortTransaction(org.apache.kafka.clients.admin.AbortTransactionSpec arg0, org.apache.kafka.clients.admin.AbortTransactionOptions arg1) {
        throw unsupported("abortTransaction", "librdkafka 2.15.0 has no WriteTxnMarkers (abortTransaction) Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.ListTransactionsResult listTransactions(org.apache.kafka.clients.admin.ListTransactionsOptions arg0) {
        throw unsupported("listTransactions", "librdkafka 2.15.0 has no ListTransactions Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.FenceProducersResult fenceProducers(java.util.Collection<java.lang.String> arg0, org.apache.kafka.clients.admin.FenceProducersOptions arg1) {
        throw unsupported("fenceProducers", "librdkafka 2.15.0 has no fence-producers (InitProducerId) Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.ListConfigResourcesResult listConfigResources(java.util.Set<org.apache.kafka.common.config.ConfigResource.Type> arg0, org.apache.kafka.clients.admin.ListConfigResourcesOptions arg1) {
        throw unsupported("listConfigResources", "librdkafka 2.15.0 has no ListConfigResources Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.ListClientMetricsResourcesResult listClientMetricsResources(org.apache.kafka.clients.admin.ListClientMetricsResourcesOptions arg0) {
        throw unsupported("listClientMetricsResources", "librdkafka 2.15.0 has no ListClientMetricsResources Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.AddRaftVoterResult addRaftVoter(int arg0, org.apache.kafka.common.Uuid arg1, java.util.Set<org.apache.kafka.clients.admin.RaftVoterEndpoint> arg2, org.apache.kafka.clients.admin.AddRaftVoterOptions arg3) {
        throw unsupported("addRaftVoter", "librdkafka 2.15.0 has no AddRaftVoter Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.RemoveRaftVoterResult removeRaftVoter(int arg0, org.apache.kafka.common.Uuid arg1, org.apache.kafka.clients.admin.RemoveRaftVoterOptions arg2) {
        throw unsupported("removeRaftVoter", "librdkafka 2.15.0 has no RemoveRaftVoter Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.DescribeShareGroupsResult describeShareGroups(java.util.Collection<java.lang.String> arg0, org.apache.kafka.clients.admin.DescribeShareGroupsOptions arg1) {
        throw unsupported("describeShareGroups", "librdkafka 2.15.0 has no share-group Admin Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.AlterShareGroupOffsetsResult alterShareGroupOffsets(java.lang.String arg0, java.util.Map<org.apache.kafka.common.TopicPartition, java.lang.Long> arg1, org.apache.kafka.clients.admin.AlterShareGroupOffsetsOptions arg2) {
        throw unsupported("alterShareGroupOffsets", "librdkafka 2.15.0 has no share-group Admin Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.ListShareGroupOffsetsResult listShareGroupOffsets(java.util.Map<java.lang.String, org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec> arg0, org.apache.kafka.clients.admin.ListShareGroupOffsetsOptions arg1) {
        throw unsupported("listShareGroupOffsets", "librdkafka 2.15.0 has no share-group Admin Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.DeleteShareGroupOffsetsResult deleteShareGroupOffsets(java.lang.String arg0, java.util.Set<java.lang.String> arg1, org.apache.kafka.clients.admin.DeleteShareGroupOffsetsOptions arg2) {
        throw unsupported("deleteShareGroupOffsets", "librdkafka 2.15.0 has no share-group Admin Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.DeleteShareGroupsResult deleteShareGroups(java.util.Collection<java.lang.String> arg0, org.apache.kafka.clients.admin.DeleteShareGroupsOptions arg1) {
        throw unsupported("deleteShareGroups", "librdkafka 2.15.0 has no share-group Admin Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.DescribeStreamsGroupsResult describeStreamsGroups(java.util.Collection<java.lang.String> arg0, org.apache.kafka.clients.admin.DescribeStreamsGroupsOptions arg1) {
        throw unsupported("describeStreamsGroups", "librdkafka 2.15.0 has no streams-group Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.DescribeClassicGroupsResult describeClassicGroups(java.util.Collection<java.lang.String> arg0, org.apache.kafka.clients.admin.DescribeClassicGroupsOptions arg1) {
        throw unsupported("describeClassicGroups", "librdkafka 2.15.0 has no DescribeClassicGroups Admin API");
    }

    @Override
    public org.apache.kafka.clients.admin.TerminateTransactionResult forceTerminateTransaction(java.lang.String arg0, org.apache.kafka.clients.admin.TerminateTransactionOptions arg1) {
        throw unsupported("forceTerminateTransaction", "librdkafka 2.15.0 has no forceTerminateTransaction (KIP-939) Admin API");
    }
}
