package dev.jrdkafka.internal.rd.admin;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.internal.rd.NativeObject;
import dev.jrdkafka.internal.rd.RdConf;
import dev.jrdkafka.internal.rd.RdErrors;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * An {@code rd_kafka_AdminOptions_t} for one request (owned; librdkafka copies what it needs,
 * so it is destroyed right after the call). Carries the request's id as its opaque, which
 * comes back on the result event.
 */
public final class RdAdminOptions extends NativeObject {
    /** What a request asks for; -1 / null / false leave librdkafka's default. */
    public record Spec(int requestTimeoutMs, int operationTimeoutMs, boolean validateOnly, int brokerId,
                       boolean requireStableOffsets, boolean includeAuthorizedOperations, List<Integer> groupStates,
                       List<Integer> groupTypes, int isolationLevel) {
        public static final Spec DEFAULTS = new Spec(-1, -1, false, -1, false, false, List.of(), List.of(), -1);
    }

    private RdAdminOptions(MemorySegment options) {
        super(options, true);
    }

    /** Options for {@code op} (an {@code RD_KAFKA_ADMIN_OP_*}) with {@code spec}; refused settings throw with librdkafka's reason. */
    static RdAdminOptions create(MemorySegment rk, int op, Spec spec, long opaque) {
        RdAdminOptions o = new RdAdminOptions(rd_kafka_AdminOptions_new(rk, op));
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment errstr = scratch.allocate(RdConf.ERRSTR_SIZE);
            MemorySegment p = o.ptr();
            if (spec.requestTimeoutMs() >= 0) {
                check(rd_kafka_AdminOptions_set_request_timeout(p, spec.requestTimeoutMs(), errstr, RdConf.ERRSTR_SIZE), errstr, "requestTimeout");
            }
            if (spec.operationTimeoutMs() >= 0) {
                check(rd_kafka_AdminOptions_set_operation_timeout(p, spec.operationTimeoutMs(), errstr, RdConf.ERRSTR_SIZE), errstr, "operationTimeout");
            }
            if (spec.validateOnly()) {
                check(rd_kafka_AdminOptions_set_validate_only(p, 1, errstr, RdConf.ERRSTR_SIZE), errstr, "validateOnly");
            }
            if (spec.brokerId() >= 0) {
                check(rd_kafka_AdminOptions_set_broker(p, spec.brokerId(), errstr, RdConf.ERRSTR_SIZE), errstr, "broker");
            }
            if (spec.requireStableOffsets()) {
                RdErrors.check(rd_kafka_AdminOptions_set_require_stable_offsets(p, 1), "AdminOptions requireStableOffsets");
            }
            if (spec.includeAuthorizedOperations()) {
                RdErrors.check(rd_kafka_AdminOptions_set_include_authorized_operations(p, 1), "AdminOptions includeAuthorizedOperations");
            }
            if (!spec.groupStates().isEmpty()) {
                MemorySegment states = ints(scratch, spec.groupStates());
                RdErrors.check(rd_kafka_AdminOptions_set_match_consumer_group_states(p, states, spec.groupStates().size()),
                        "AdminOptions matchGroupStates");
            }
            if (!spec.groupTypes().isEmpty()) {
                MemorySegment types = ints(scratch, spec.groupTypes());
                RdErrors.check(rd_kafka_AdminOptions_set_match_consumer_group_types(p, types, spec.groupTypes().size()),
                        "AdminOptions matchGroupTypes");
            }
            if (spec.isolationLevel() >= 0) {
                RdErrors.check(rd_kafka_AdminOptions_set_isolation_level(p, spec.isolationLevel()), "AdminOptions isolationLevel");
            }
            rd_kafka_AdminOptions_set_opaque(p, MemorySegment.ofAddress(opaque));
        } catch (RuntimeException | Error e) {
            o.close();
            throw e;
        }
        return o;
    }

    private static MemorySegment ints(Arena scratch, List<Integer> values) {
        MemorySegment s = scratch.allocate(java.lang.foreign.ValueLayout.JAVA_INT, values.size());
        for (int i = 0; i < values.size(); i++) s.setAtIndex(java.lang.foreign.ValueLayout.JAVA_INT, i, values.get(i));
        return s;
    }

    private static void check(int rc, MemorySegment errstr, String option) {
        if (rc != 0) {
            throw new IllegalArgumentException("admin option " + option + " refused by librdkafka: " + errstr.getString(0));
        }
    }

    @Override
    protected void destroy(MemorySegment p) {
        rd_kafka_AdminOptions_destroy(p);
    }

    @Override
    protected String kind() {
        return "admin options";
    }
}
