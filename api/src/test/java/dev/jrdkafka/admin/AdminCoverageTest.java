package dev.jrdkafka.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every admin operation of the pinned librdkafka is an {@link Admin} method: the operations
 * are read from rdkafka.h's {@code rd_kafka_admin_op_t} enum (the header the library was
 * built from), so a new librdkafka with a new operation fails this test until it is wrapped.
 */
class AdminCoverageTest {
    private static final Pattern OP = Pattern.compile("RD_KAFKA_ADMIN_OP_([A-Z]+)\\s*[,=]");

    /** librdkafka's op → Admin's method where kafka-clients' name differs. */
    private static final java.util.Map<String, String> RENAMED = java.util.Map.of("DELETEGROUPS", "DELETECONSUMERGROUPS");

    @Test
    void everyAdminOperationOfRdkafkaHIsAnAdminMethod() throws IOException {
        Path header = Path.of(System.getProperty("jrdkafka.test.rootDir"), "native", "target", "native-build", "include",
                "librdkafka", "rdkafka.h");
        Set<String> ops = new TreeSet<>();
        Matcher m = OP.matcher(Files.readString(header));
        while (m.find()) {
            if (!m.group(1).equals("ANY")) ops.add(m.group(1));
        }
        ops.remove("CNT");
        assertEquals(22, ops.size(), "librdkafka 2.15.0 has 22 admin operations: " + ops);
        Set<String> methods = Arrays.stream(Admin.class.getMethods())
                .filter(x -> Modifier.isPublic(x.getModifiers()) && x.getDeclaringClass() == Admin.class)
                .map(Method::getName).map(n -> n.toUpperCase(java.util.Locale.ROOT)).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>();
        for (String op : ops) {
            if (!methods.contains(RENAMED.getOrDefault(op, op))) missing.add(op); // e.g. DELETECONSUMERGROUPOFFSETS: deleteConsumerGroupOffsets
        }
        assertTrue(missing.isEmpty(), "admin operations of rdkafka.h without an Admin method: " + missing);
    }
}
