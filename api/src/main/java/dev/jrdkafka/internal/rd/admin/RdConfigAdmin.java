package dev.jrdkafka.internal.rd.admin;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.cluster.AlterConfigOp;
import dev.jrdkafka.cluster.ConfigEntry;
import dev.jrdkafka.cluster.ConfigResource;
import dev.jrdkafka.cluster.ConfigSource;
import dev.jrdkafka.internal.rd.Rd;
import dev.jrdkafka.internal.rd.RdErrors;
import dev.jrdkafka.internal.rd.queue.RdEvent;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * DescribeConfigs, AlterConfigs and IncrementalAlterConfigs ({@code rd_kafka_DescribeConfigs}...):
 * {@code rd_kafka_ConfigResource_t}s made per request, destroyed once librdkafka copied them.
 */
public final class RdConfigAdmin {
    public static final int DESCRIBE_CONFIGS = RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS();
    public static final int ALTER_CONFIGS = RD_KAFKA_ADMIN_OP_ALTERCONFIGS();
    public static final int INCREMENTAL_ALTER_CONFIGS = RD_KAFKA_ADMIN_OP_INCREMENTALALTERCONFIGS();

    private RdConfigAdmin() {}

    /** What one resource gets: the names to set (AlterConfigs), or the changes (IncrementalAlterConfigs). */
    private interface Fill {
        void into(Arena scratch, MemorySegment resource);
    }

    /** Sends DescribeConfigs for all configurations of each resource. */
    public static void describeConfigs(RdAdmin admin, List<ConfigResource> resources, RdAdminOptions.Spec spec, long id) {
        send(admin, DESCRIBE_CONFIGS, resources, r -> (s, res) -> { }, spec, id);
    }

    /** Sends AlterConfigs: each resource's whole configuration is replaced by its map (unset names go back to their defaults). */
    public static void alterConfigs(RdAdmin admin, Map<ConfigResource, Map<String, String>> configs, RdAdminOptions.Spec spec, long id) {
        send(admin, ALTER_CONFIGS, List.copyOf(configs.keySet()), r -> (scratch, res) -> {
            for (Map.Entry<String, String> c : configs.get(r).entrySet()) {
                RdErrors.check(rd_kafka_ConfigResource_set_config(res, Rd.cString(scratch, c.getKey()), Rd.cString(scratch, c.getValue())),
                        "alterConfigs of " + r + ": " + c.getKey());
            }
        }, spec, id);
    }

    /** Sends IncrementalAlterConfigs. */
    public static void incrementalAlterConfigs(RdAdmin admin, Map<ConfigResource, ? extends Collection<AlterConfigOp>> ops,
                                               RdAdminOptions.Spec spec, long id) {
        send(admin, INCREMENTAL_ALTER_CONFIGS, List.copyOf(ops.keySet()), r -> (scratch, res) -> {
            for (AlterConfigOp op : ops.get(r)) {
                MemorySegment value = op.value() == null ? MemorySegment.NULL : Rd.cString(scratch, op.value());
                MemorySegment err = rd_kafka_ConfigResource_add_incremental_config(res, Rd.cString(scratch, op.name()), op.op().code(), value);
                if (!err.equals(MemorySegment.NULL)) {
                    try {
                        throw new IllegalArgumentException("incrementalAlterConfigs of " + r + ": " + op + " refused by librdkafka: "
                                + Rd.cString(rd_kafka_error_string(err)));
                    } finally {
                        rd_kafka_error_destroy(err);
                    }
                }
            }
        }, spec, id);
    }

    private static void send(RdAdmin admin, int op, List<ConfigResource> resources, java.util.function.Function<ConfigResource, Fill> fill,
                             RdAdminOptions.Spec spec, long id) {
        try (Arena scratch = Arena.ofConfined(); RdAdminOptions options = admin.options(op, spec, id)) {
            MemorySegment array = scratch.allocate(ValueLayout.ADDRESS, resources.size());
            int made = 0;
            try {
                for (ConfigResource r : resources) {
                    MemorySegment res = rd_kafka_ConfigResource_new(r.type().code(), Rd.cString(scratch, r.name()));
                    if (res.equals(MemorySegment.NULL)) throw new IllegalArgumentException("config resource " + r + " refused by librdkafka");
                    array.setAtIndex(ValueLayout.ADDRESS, made++, res);
                    fill.apply(r).into(scratch, res);
                }
                if (op == DESCRIBE_CONFIGS) {
                    rd_kafka_DescribeConfigs(admin.rk(), array, made, options.ptr(), admin.results());
                } else if (op == ALTER_CONFIGS) {
                    rd_kafka_AlterConfigs(admin.rk(), array, made, options.ptr(), admin.results());
                } else {
                    rd_kafka_IncrementalAlterConfigs(admin.rk(), array, made, options.ptr(), admin.results());
                }
            } finally {
                rd_kafka_ConfigResource_destroy_array(array, made); // librdkafka copied them
            }
        }
    }

    /** Per resource of a DescribeConfigs result: its entries, or its error. */
    public static List<Outcome<ConfigResource, List<ConfigEntry>>> describeOutcomes(RdEvent event) {
        List<Outcome<ConfigResource, List<ConfigEntry>>> out = new ArrayList<>();
        forEachResource(event, (key, res) -> {
            int err = rd_kafka_ConfigResource_error(res);
            if (err != 0) {
                out.add(Outcome.failed(key, err, Rd.cString(rd_kafka_ConfigResource_error_string(res))));
                return;
            }
            try (Arena scratch = Arena.ofConfined()) {
                MemorySegment cnt = scratch.allocate(ValueLayout.JAVA_LONG);
                MemorySegment entries = rd_kafka_ConfigResource_configs(res, cnt);
                out.add(Outcome.ok(key, entries(entries, cnt.get(ValueLayout.JAVA_LONG, 0))));
            }
        });
        return out;
    }

    /** Per resource of an AlterConfigs or IncrementalAlterConfigs result: done, or its error. */
    public static List<Outcome<ConfigResource, Void>> alterOutcomes(RdEvent event) {
        List<Outcome<ConfigResource, Void>> out = new ArrayList<>();
        forEachResource(event, (key, res) -> {
            int err = rd_kafka_ConfigResource_error(res);
            out.add(err == 0 ? Outcome.ok(key, null) : Outcome.failed(key, err, Rd.cString(rd_kafka_ConfigResource_error_string(res))));
        });
        return out;
    }

    private static void forEachResource(RdEvent event, java.util.function.BiConsumer<ConfigResource, MemorySegment> each) {
        MemorySegment ev = event.ptr();
        int type = event.type();
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment cnt = scratch.allocate(ValueLayout.JAVA_LONG);
            MemorySegment results;
            if (type == RD_KAFKA_EVENT_DESCRIBECONFIGS_RESULT()) {
                results = rd_kafka_DescribeConfigs_result_resources(rd_kafka_event_DescribeConfigs_result(ev), cnt);
            } else if (type == RD_KAFKA_EVENT_ALTERCONFIGS_RESULT()) {
                results = rd_kafka_AlterConfigs_result_resources(rd_kafka_event_AlterConfigs_result(ev), cnt);
            } else if (type == RD_KAFKA_EVENT_INCREMENTALALTERCONFIGS_RESULT()) {
                results = rd_kafka_IncrementalAlterConfigs_result_resources(rd_kafka_event_IncrementalAlterConfigs_result(ev), cnt);
            } else {
                throw new IllegalStateException("not a config result: " + event.name());
            }
            long n = cnt.get(ValueLayout.JAVA_LONG, 0);
            if (n == 0) return;
            MemorySegment arr = results.reinterpret(n * ValueLayout.ADDRESS.byteSize());
            for (long i = 0; i < n; i++) {
                MemorySegment res = arr.getAtIndex(ValueLayout.ADDRESS, i);
                ConfigResource.Type t = ConfigResource.Type.fromCode(rd_kafka_ConfigResource_type(res));
                if (t == null) continue; // not one asked for
                each.accept(new ConfigResource(t, Rd.cString(rd_kafka_ConfigResource_name(res))), res);
            }
        }
    }

    /** Reads an array of {@code rd_kafka_ConfigEntry_t *} (owned by the event). */
    private static List<ConfigEntry> entries(MemorySegment entries, long n) {
        List<ConfigEntry> out = new ArrayList<>((int) n);
        if (n == 0) return out;
        MemorySegment arr = entries.reinterpret(n * ValueLayout.ADDRESS.byteSize());
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment cnt = scratch.allocate(ValueLayout.JAVA_LONG);
            for (long i = 0; i < n; i++) {
                MemorySegment e = arr.getAtIndex(ValueLayout.ADDRESS, i);
                MemorySegment syn = rd_kafka_ConfigEntry_synonyms(e, cnt);
                long sn = cnt.get(ValueLayout.JAVA_LONG, 0);
                List<ConfigEntry.Synonym> synonyms = new ArrayList<>();
                if (sn > 0) {
                    MemorySegment sarr = syn.reinterpret(sn * ValueLayout.ADDRESS.byteSize());
                    for (long j = 0; j < sn; j++) {
                        MemorySegment s = sarr.getAtIndex(ValueLayout.ADDRESS, j);
                        synonyms.add(new ConfigEntry.Synonym(Rd.cString(rd_kafka_ConfigEntry_name(s)),
                                Rd.cString(rd_kafka_ConfigEntry_value(s)), ConfigSource.fromCode(rd_kafka_ConfigEntry_source(s))));
                    }
                }
                boolean sensitive = rd_kafka_ConfigEntry_is_sensitive(e) != 0;
                out.add(new ConfigEntry(Rd.cString(rd_kafka_ConfigEntry_name(e)),
                        sensitive ? null : Rd.cString(rd_kafka_ConfigEntry_value(e)),
                        ConfigSource.fromCode(rd_kafka_ConfigEntry_source(e)), rd_kafka_ConfigEntry_is_read_only(e) != 0,
                        rd_kafka_ConfigEntry_is_default(e) != 0, sensitive, synonyms));
            }
        }
        return out;
    }
}
