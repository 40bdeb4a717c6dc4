package dev.jrdkafka.internal.rd.admin;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.cluster.AccessControlEntry;
import dev.jrdkafka.cluster.AclBinding;
import dev.jrdkafka.cluster.AclBindingFilter;
import dev.jrdkafka.cluster.AclOperation;
import dev.jrdkafka.cluster.AclPermissionType;
import dev.jrdkafka.cluster.PatternType;
import dev.jrdkafka.cluster.ResourcePattern;
import dev.jrdkafka.cluster.ResourceType;
import dev.jrdkafka.internal.rd.Rd;
import dev.jrdkafka.internal.rd.RdConf;
import dev.jrdkafka.internal.rd.queue.RdEvent;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * CreateAcls, DescribeAcls and DeleteAcls ({@code rd_kafka_CreateAcls}...). librdkafka
 * answers CreateAcls and DeleteAcls per binding or filter in the order asked, without naming
 * them: the outcomes are keyed by position.
 */
public final class RdAclAdmin {
    public static final int CREATE_ACLS = RD_KAFKA_ADMIN_OP_CREATEACLS();
    public static final int DESCRIBE_ACLS = RD_KAFKA_ADMIN_OP_DESCRIBEACLS();
    public static final int DELETE_ACLS = RD_KAFKA_ADMIN_OP_DELETEACLS();

    private RdAclAdmin() {}

    /** Sends CreateAcls; the result comes back on the admin queue with {@code id}. */
    public static void createAcls(RdAdmin admin, List<AclBinding> acls, RdAdminOptions.Spec spec, long id) {
        try (Arena scratch = Arena.ofConfined(); RdAdminOptions options = admin.options(CREATE_ACLS, spec, id)) {
            MemorySegment array = scratch.allocate(ValueLayout.ADDRESS, acls.size());
            MemorySegment errstr = scratch.allocate(RdConf.ERRSTR_SIZE);
            int made = 0;
            try {
                for (AclBinding b : acls) {
                    ResourcePattern p = b.pattern();
                    AccessControlEntry e = b.entry();
                    MemorySegment acl = rd_kafka_AclBinding_new(p.type().code(), Rd.cString(scratch, p.name()), p.patternType().code(),
                            Rd.cString(scratch, e.principal()), Rd.cString(scratch, e.host()), e.operation().code(),
                            e.permission().code(), errstr, RdConf.ERRSTR_SIZE);
                    if (acl.equals(MemorySegment.NULL)) throw new IllegalArgumentException(b + ": " + errstr.getString(0));
                    array.setAtIndex(ValueLayout.ADDRESS, made++, acl);
                }
                rd_kafka_CreateAcls(admin.rk(), array, made, options.ptr(), admin.results());
            } finally {
                rd_kafka_AclBinding_destroy_array(array, made); // librdkafka copied them
            }
        }
    }

    /** Sends DescribeAcls. */
    public static void describeAcls(RdAdmin admin, AclBindingFilter filter, RdAdminOptions.Spec spec, long id) {
        try (Arena scratch = Arena.ofConfined(); RdAdminOptions options = admin.options(DESCRIBE_ACLS, spec, id)) {
            MemorySegment f = filter(scratch, filter);
            try {
                rd_kafka_DescribeAcls(admin.rk(), f, options.ptr(), admin.results());
            } finally {
                rd_kafka_AclBinding_destroy(f);
            }
        }
    }

    /** Sends DeleteAcls. */
    public static void deleteAcls(RdAdmin admin, List<AclBindingFilter> filters, RdAdminOptions.Spec spec, long id) {
        try (Arena scratch = Arena.ofConfined(); RdAdminOptions options = admin.options(DELETE_ACLS, spec, id)) {
            MemorySegment array = scratch.allocate(ValueLayout.ADDRESS, filters.size());
            int made = 0;
            try {
                for (AclBindingFilter f : filters) array.setAtIndex(ValueLayout.ADDRESS, made++, filter(scratch, f));
                rd_kafka_DeleteAcls(admin.rk(), array, made, options.ptr(), admin.results());
            } finally {
                rd_kafka_AclBinding_destroy_array(array, made);
            }
        }
    }

    private static MemorySegment filter(Arena scratch, AclBindingFilter f) {
        MemorySegment errstr = scratch.allocate(RdConf.ERRSTR_SIZE);
        MemorySegment filter = rd_kafka_AclBindingFilter_new(f.type().code(), orNull(scratch, f.name()), f.patternType().code(),
                orNull(scratch, f.principal()), orNull(scratch, f.host()), f.operation().code(), f.permission().code(),
                errstr, RdConf.ERRSTR_SIZE);
        if (filter.equals(MemorySegment.NULL)) throw new IllegalArgumentException(f + ": " + errstr.getString(0));
        return filter;
    }

    private static MemorySegment orNull(Arena scratch, String s) {
        return s == null ? MemorySegment.NULL : Rd.cString(scratch, s);
    }

    /** CreateAcls' outcome per binding, keyed by {@code keys} (the bindings asked, in order). */
    public static <K> List<Outcome<K, Void>> createOutcomes(RdEvent event, List<K> keys) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment cnt = scratch.allocate(ValueLayout.JAVA_LONG);
            MemorySegment results = rd_kafka_CreateAcls_result_acls(rd_kafka_event_CreateAcls_result(event.ptr()), cnt);
            MemorySegment arr = array(results, cnt);
            List<Outcome<K, Void>> out = new ArrayList<>();
            for (int i = 0; i < arr.byteSize() / ValueLayout.ADDRESS.byteSize() && i < keys.size(); i++) {
                out.add(outcome(keys.get(i), rd_kafka_acl_result_error(arr.getAtIndex(ValueLayout.ADDRESS, i)), null));
            }
            return out;
        }
    }

    /** DescribeAcls' bindings. */
    public static List<AclBinding> describeResult(RdEvent event) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment cnt = scratch.allocate(ValueLayout.JAVA_LONG);
            MemorySegment acls = rd_kafka_DescribeAcls_result_acls(rd_kafka_event_DescribeAcls_result(event.ptr()), cnt);
            return bindings(array(acls, cnt));
        }
    }

    /** DeleteAcls' outcome per filter (the bindings it deleted), keyed by {@code keys} (the filters asked, in order). */
    public static <K> List<Outcome<K, List<AclBinding>>> deleteOutcomes(RdEvent event, List<K> keys) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment cnt = scratch.allocate(ValueLayout.JAVA_LONG);
            MemorySegment responses = rd_kafka_DeleteAcls_result_responses(rd_kafka_event_DeleteAcls_result(event.ptr()), cnt);
            MemorySegment arr = array(responses, cnt);
            List<Outcome<K, List<AclBinding>>> out = new ArrayList<>();
            for (int i = 0; i < arr.byteSize() / ValueLayout.ADDRESS.byteSize() && i < keys.size(); i++) {
                MemorySegment r = arr.getAtIndex(ValueLayout.ADDRESS, i);
                MemorySegment error = rd_kafka_DeleteAcls_result_response_error(r);
                List<AclBinding> deleted = null;
                if (error.equals(MemorySegment.NULL) || rd_kafka_error_code(error) == 0) {
                    deleted = bindings(array(rd_kafka_DeleteAcls_result_response_matching_acls(r, cnt), cnt));
                }
                out.add(outcome(keys.get(i), error, deleted));
            }
            return out;
        }
    }

    /** An outcome from an {@code rd_kafka_error_t} owned by the result (not destroyed here): NULL or code 0 is success. */
    static <K, V> Outcome<K, V> outcome(K key, MemorySegment error, V value) {
        if (error.equals(MemorySegment.NULL)) return Outcome.ok(key, value);
        int code = rd_kafka_error_code(error);
        return code == 0 ? Outcome.ok(key, value) : Outcome.failed(key, code, Rd.cString(rd_kafka_error_string(error)));
    }

    /** An array of {@code *cnt} pointers. */
    static MemorySegment array(MemorySegment p, MemorySegment cnt) {
        long n = cnt.get(ValueLayout.JAVA_LONG, 0);
        return n == 0 || p.equals(MemorySegment.NULL) ? MemorySegment.NULL.reinterpret(0) : p.reinterpret(n * ValueLayout.ADDRESS.byteSize());
    }

    private static List<AclBinding> bindings(MemorySegment arr) {
        long n = arr.byteSize() / ValueLayout.ADDRESS.byteSize();
        List<AclBinding> out = new ArrayList<>((int) n);
        for (long i = 0; i < n; i++) {
            MemorySegment a = arr.getAtIndex(ValueLayout.ADDRESS, i);
            out.add(new AclBinding(
                    new ResourcePattern(ResourceType.fromCode(rd_kafka_AclBinding_restype(a)), Rd.cString(rd_kafka_AclBinding_name(a)),
                            PatternType.fromCode(rd_kafka_AclBinding_resource_pattern_type(a))),
                    new AccessControlEntry(Rd.cString(rd_kafka_AclBinding_principal(a)), Rd.cString(rd_kafka_AclBinding_host(a)),
                            AclOperation.fromCode(rd_kafka_AclBinding_operation(a)),
                            AclPermissionType.fromCode(rd_kafka_AclBinding_permission_type(a)))));
        }
        return List.copyOf(out);
    }
}
