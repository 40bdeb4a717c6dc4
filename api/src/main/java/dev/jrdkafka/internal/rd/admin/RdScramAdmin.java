package dev.jrdkafka.internal.rd.admin;

import static dev.jrdkafka.bindings.rdkafka_h.*;

import dev.jrdkafka.cluster.ScramCredentialInfo;
import dev.jrdkafka.cluster.ScramMechanism;
import dev.jrdkafka.cluster.UserScramCredentialAlteration;
import dev.jrdkafka.cluster.UserScramCredentialDeletion;
import dev.jrdkafka.cluster.UserScramCredentialUpsertion;
import dev.jrdkafka.internal.rd.Rd;
import dev.jrdkafka.internal.rd.queue.RdEvent;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * DescribeUserScramCredentials and AlterUserScramCredentials. An upsertion's password and
 * salt are copied to native memory only for the call (librdkafka derives the salted password
 * from them at once) and zeroed before that memory is freed.
 */
public final class RdScramAdmin {
    public static final int DESCRIBE = RD_KAFKA_ADMIN_OP_DESCRIBEUSERSCRAMCREDENTIALS();
    public static final int ALTER = RD_KAFKA_ADMIN_OP_ALTERUSERSCRAMCREDENTIALS();

    private RdScramAdmin() {}

    /** Sends DescribeUserScramCredentials for {@code users} (empty: every user). */
    public static void describe(RdAdmin admin, List<String> users, RdAdminOptions.Spec spec, long id) {
        try (Arena scratch = Arena.ofConfined(); RdAdminOptions options = admin.options(DESCRIBE, spec, id)) {
            MemorySegment array = users.isEmpty() ? MemorySegment.NULL : scratch.allocate(ValueLayout.ADDRESS, users.size());
            for (int i = 0; i < users.size(); i++) array.setAtIndex(ValueLayout.ADDRESS, i, Rd.cString(scratch, users.get(i)));
            rd_kafka_DescribeUserScramCredentials(admin.rk(), array, users.size(), options.ptr(), admin.results());
        }
    }

    /** Sends AlterUserScramCredentials. */
    public static void alter(RdAdmin admin, List<UserScramCredentialAlteration> alterations, RdAdminOptions.Spec spec, long id) {
        try (Arena scratch = Arena.ofConfined(); RdAdminOptions options = admin.options(ALTER, spec, id)) {
            MemorySegment array = scratch.allocate(ValueLayout.ADDRESS, alterations.size());
            List<MemorySegment> secrets = new ArrayList<>();
            int made = 0;
            try {
                for (UserScramCredentialAlteration a : alterations) {
                    MemorySegment user = Rd.cString(scratch, a.user());
                    MemorySegment alteration = switch (a) {
                        case UserScramCredentialUpsertion u -> {
                            MemorySegment password = secret(scratch, u.password(), secrets);
                            byte[] saltBytes = u.salt();
                            MemorySegment salt = saltBytes == null ? MemorySegment.NULL : secret(scratch, saltBytes, secrets);
                            yield rd_kafka_UserScramCredentialUpsertion_new(user, u.mechanism().code(), u.iterations(),
                                    password, password.byteSize(), salt, saltBytes == null ? 0 : salt.byteSize());
                        }
                        case UserScramCredentialDeletion d -> rd_kafka_UserScramCredentialDeletion_new(user, d.mechanism().code());
                    };
                    if (alteration.equals(MemorySegment.NULL)) {
                        throw new IllegalArgumentException("librdkafka refused the SCRAM alteration of user " + a.user()
                                + " (" + a.mechanism() + ")");
                    }
                    array.setAtIndex(ValueLayout.ADDRESS, made++, alteration);
                }
                rd_kafka_AlterUserScramCredentials(admin.rk(), array, made, options.ptr(), admin.results());
            } finally {
                rd_kafka_UserScramCredentialAlteration_destroy_array(array, made);
                for (MemorySegment s : secrets) s.fill((byte) 0);
            }
        }
    }

    /** {@code bytes} in native memory, the Java copy zeroed; the native one is zeroed after the call. */
    private static MemorySegment secret(Arena scratch, byte[] bytes, List<MemorySegment> secrets) {
        MemorySegment s = scratch.allocate(bytes.length);
        MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, 0, bytes.length);
        Arrays.fill(bytes, (byte) 0);
        secrets.add(s);
        return s;
    }

    /** Per user described: the credentials, or the user's error. */
    public static List<Outcome<String, List<ScramCredentialInfo>>> describeOutcomes(RdEvent event) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment cnt = scratch.allocate(ValueLayout.JAVA_LONG);
            MemorySegment arr = RdAclAdmin.array(rd_kafka_DescribeUserScramCredentials_result_descriptions(
                    rd_kafka_event_DescribeUserScramCredentials_result(event.ptr()), cnt), cnt);
            List<Outcome<String, List<ScramCredentialInfo>>> out = new ArrayList<>();
            for (long i = 0; i < arr.byteSize() / ValueLayout.ADDRESS.byteSize(); i++) {
                MemorySegment d = arr.getAtIndex(ValueLayout.ADDRESS, i);
                String user = Rd.cString(rd_kafka_UserScramCredentialsDescription_user(d));
                long n = rd_kafka_UserScramCredentialsDescription_scramcredentialinfo_count(d);
                List<ScramCredentialInfo> infos = new ArrayList<>((int) n);
                for (long k = 0; k < n; k++) {
                    MemorySegment info = rd_kafka_UserScramCredentialsDescription_scramcredentialinfo(d, k);
                    infos.add(new ScramCredentialInfo(ScramMechanism.fromCode(rd_kafka_ScramCredentialInfo_mechanism(info)),
                            rd_kafka_ScramCredentialInfo_iterations(info)));
                }
                out.add(RdAclAdmin.outcome(user, rd_kafka_UserScramCredentialsDescription_error(d), List.copyOf(infos)));
            }
            return out;
        }
    }

    /** Per user altered: done, or the user's error. */
    public static List<Outcome<String, Void>> alterOutcomes(RdEvent event) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment cnt = scratch.allocate(ValueLayout.JAVA_LONG);
            MemorySegment arr = RdAclAdmin.array(rd_kafka_AlterUserScramCredentials_result_responses(
                    rd_kafka_event_AlterUserScramCredentials_result(event.ptr()), cnt), cnt);
            List<Outcome<String, Void>> out = new ArrayList<>();
            for (long i = 0; i < arr.byteSize() / ValueLayout.ADDRESS.byteSize(); i++) {
                MemorySegment r = arr.getAtIndex(ValueLayout.ADDRESS, i);
                out.add(RdAclAdmin.outcome(Rd.cString(rd_kafka_AlterUserScramCredentials_result_response_user(r)),
                        rd_kafka_AlterUserScramCredentials_result_response_error(r), null));
            }
            return out;
        }
    }
}
