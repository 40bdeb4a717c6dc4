package dev.jrdkafka.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jextract's struct layouts match what the C compiler makes of the same headers: size and
 * alignment of every struct, offset and size of every named member (nested ones too, such as
 * {@code u.mem.size} in rd_kafka_vu_s). A C probe, generated from the Java layouts, prints the
 * compiler's numbers.
 */
class LayoutTest {
    @TempDir
    static Path work;

    @BeforeAll
    static void load() {
        TestSupport.loadLibrary();
    }

    /** A C expression checked against the value the Java layout gives for it. */
    record Check(String c, long java) {}

    @Test
    void javaLayoutsMatchTheCompilersLayouts() throws Exception {
        List<GroupLayout> structs = structLayouts();
        List<Check> checks = new ArrayList<>();
        int fields = 0;
        for (GroupLayout struct : structs) {
            String type = "struct " + struct.name().orElseThrow();
            checks.add(new Check("sizeof(" + type + ")", struct.byteSize()));
            checks.add(new Check("_Alignof(" + type + ")", struct.byteAlignment()));
            for (List<String> path : memberPaths(struct, List.of())) {
                PathElement[] elements = path.stream().map(PathElement::groupElement).toArray(PathElement[]::new);
                String member = String.join(".", path);
                checks.add(new Check("offsetof(" + type + ", " + member + ")", struct.byteOffset(elements)));
                checks.add(new Check("sizeof(((" + type + " *)0)->" + member + ")", struct.select(elements).byteSize()));
                fields++;
            }
        }
        System.out.printf("LayoutTest: %d structs, %d fields, %d facts compared with the C compiler%n",
                structs.size(), fields, checks.size());
        Map<String, Long> fromC = runProbe(checks);
        List<String> mismatches = new ArrayList<>();
        for (Check check : checks) {
            Long c = fromC.get(check.c());
            if (c == null || c != check.java()) mismatches.add(check.c() + ": C " + c + ", Java " + check.java());
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + checks.size() + " layout facts differ ("
                + structs.size() + " structs, " + fields + " fields):\n" + String.join("\n", mismatches));
        // A floor, so that a broken class scan cannot pass by checking nothing.
        assertEquals(12, structs.size(), "struct classes found: " + structs.stream().map(s -> s.name().orElseThrow()).toList());
        assertTrue(fields > 60, "only " + fields + " fields checked");
    }

    /**
     * The layout of every generated top-level struct class, i.e. every class with a static
     * {@code layout()} returning a GroupLayout, except the typedef classes (rd_kafka_message_t
     * extends rd_kafka_message_s) that only inherit one.
     */
    private static List<GroupLayout> structLayouts() throws Exception {
        List<GroupLayout> layouts = new ArrayList<>();
        Path dir = TestSupport.GENERATED_JAVA.resolve("dev/jrdkafka/bindings");
        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        }
        for (String name : names) {
            Class<?> cls = Class.forName("dev.jrdkafka.bindings." + name);
            if (cls.getSuperclass() != Object.class) continue;
            Method layout;
            try {
                layout = cls.getDeclaredMethod("layout");
            } catch (NoSuchMethodException notAStruct) {
                continue;
            }
            if (layout.invoke(null) instanceof GroupLayout g) layouts.add(g);
        }
        return layouts;
    }

    /** Paths of all named members, depth first; padding has no name and is skipped. */
    private static List<List<String>> memberPaths(GroupLayout group, List<String> prefix) {
        List<List<String>> paths = new ArrayList<>();
        for (MemoryLayout member : group.memberLayouts()) {
            if (member.name().isEmpty()) continue;
            List<String> path = new ArrayList<>(prefix);
            path.add(member.name().get());
            paths.add(path);
            if (member instanceof GroupLayout nested) paths.addAll(memberPaths(nested, path));
        }
        return paths;
    }

    /** Compiles and runs a C program printing each check's C value as "index value". */
    private static Map<String, Long> runProbe(List<Check> checks) throws IOException, InterruptedException {
        StringBuilder c = new StringBuilder("""
                #include <stddef.h>
                #include <stdio.h>
                #include "rdkafka.h"
                #include "rdkafka_mock.h"

                int main(void) {
                """);
        for (int i = 0; i < checks.size(); i++) {
            c.append("    printf(\"%d %zu\\n\", ").append(i).append(", (size_t)(").append(checks.get(i).c()).append("));\n");
        }
        c.append("    return 0;\n}\n");
        Path source = work.resolve("layout_probe.c");
        Path binary = work.resolve("layout_probe");
        Files.writeString(source, c);
        TestSupport.runOk(Duration.ofMinutes(2), "cc", "-std=c11", "-Wall", "-Werror", "-I", TestSupport.HEADERS.toString(),
                "-o", binary.toString(), source.toString());
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : TestSupport.runOk(Duration.ofMinutes(1), binary.toString()).split("\n")) {
            String[] parts = line.trim().split(" ");
            values.put(checks.get(Integer.parseInt(parts[0])).c(), Long.parseLong(parts[1]));
        }
        return values;
    }
}
