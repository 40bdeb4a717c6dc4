package dev.jrdkafka.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bindings cover librdkafka's whole public surface: one binding per exported function
 * (and nothing else), every included constant, the public structs and the callback types.
 */
class CoverageTest {
    private static final int EXPORTED_FUNCTIONS = 552;
    private static final String PACKAGE = "dev.jrdkafka.bindings.";
    /** The structs whose members rdkafka.h makes public (everything else is opaque). */
    private static final Set<String> PUBLIC_STRUCTS = Set.of("rd_kafka_message_s", "rd_kafka_topic_partition_s",
            "rd_kafka_topic_partition_list_s", "rd_kafka_metadata", "rd_kafka_metadata_broker",
            "rd_kafka_metadata_topic", "rd_kafka_metadata_partition", "rd_kafka_err_desc", "rd_kafka_group_list",
            "rd_kafka_group_info", "rd_kafka_group_member_info", "rd_kafka_vu_s");

    @BeforeAll
    static void load() {
        TestSupport.loadLibrary();
    }

    static Set<String> exportedFunctions() throws IOException, InterruptedException {
        Set<String> exported = new TreeSet<>();
        String nm = TestSupport.runOk(Duration.ofMinutes(1), "nm", "-D", "--defined-only", TestSupport.LIBRARY.toString());
        for (String line : nm.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 3 && parts[1].equals("T")) exported.add(parts[2]);
        }
        return exported;
    }

    /**
     * Function name to its address accessor. jextract emits {@code name$address()} for a plain
     * function, and for a variadic one a public nested class {@code rdkafka_h.name} with
     * {@code makeInvoker(MemoryLayout...)} and a static {@code address()}.
     */
    static Map<String, Method> functionBindings() throws NoSuchMethodException {
        Map<String, Method> bindings = new TreeMap<>();
        for (Method m : rdkafka_h.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && m.getName().endsWith("$address")
                    && m.getParameterCount() == 0 && m.getReturnType() == MemorySegment.class) {
                bindings.put(m.getName().substring(0, m.getName().length() - "$address".length()), m);
            }
        }
        for (Class<?> nested : rdkafka_h.class.getClasses()) {
            try {
                nested.getMethod("makeInvoker", MemoryLayout[].class);
            } catch (NoSuchMethodException notVariadic) {
                continue;
            }
            Method address = nested.getMethod("address");
            if (bindings.put(nested.getSimpleName(), address) != null) {
                throw new AssertionError(nested.getSimpleName() + " bound both as a plain and a variadic function");
            }
        }
        return bindings;
    }

    @Test
    void everyExportedFunctionHasABindingAndNoMore() throws Exception {
        Set<String> exported = exportedFunctions();
        Set<String> bound = functionBindings().keySet();
        Set<String> unbound = new TreeSet<>(exported);
        unbound.removeAll(bound);
        Set<String> extra = new TreeSet<>(bound);
        extra.removeAll(exported);
        assertTrue(unbound.isEmpty() && extra.isEmpty(),
                "exported without a binding: " + unbound + "; bound but not exported: " + extra);
        assertEquals(EXPORTED_FUNCTIONS, exported.size(), "functions exported by " + TestSupport.LIBRARY);
    }

    @Test
    void includeListNamesExactlyTheExportedFunctions() throws Exception {
        assertEquals(exportedFunctions(), includes("function"));
    }

    @Test
    void everyBindingResolvesInTheLoadedLibrary() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Method> e : functionBindings().entrySet()) {
            try {
                MemorySegment address = (MemorySegment) e.getValue().invoke(null);
                if (address == null || address.address() == 0) failures.add(e.getKey() + ": NULL address");
            } catch (InvocationTargetException | ExceptionInInitializerError ex) {
                Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
                failures.add(e.getKey() + ": " + cause);
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " bindings do not resolve:\n" + String.join("\n", failures));
    }

    @Test
    void everyIncludedConstantIsAStaticMethod() throws Exception {
        Set<String> constants = includes("constant");
        List<String> missing = new ArrayList<>();
        for (String name : constants) {
            try {
                Method m = rdkafka_h.class.getMethod(name);
                if (!Modifier.isStatic(m.getModifiers())) missing.add(name + " (not static)");
                else m.invoke(null);
            } catch (NoSuchMethodException e) {
                missing.add(name);
            }
        }
        assertTrue(missing.isEmpty(), "constants in includes.txt without a static method on rdkafka_h: " + missing);
        assertTrue(constants.size() > 300, "only " + constants.size() + " --include-constant lines in " + TestSupport.INCLUDES);
    }

    @Test
    void everyPublicStructHasAClassWithItsLayout() throws Exception {
        // The header's named struct definitions with a body are the public structs; a new one
        // in a librdkafka bump must be added to PUBLIC_STRUCTS (and the API layer) on purpose.
        Set<String> defined = new TreeSet<>();
        for (String header : new String[] {"rdkafka.h", "rdkafka_mock.h"}) {
            Matcher m = Pattern.compile("\\bstruct\\s+(\\w+)\\s*\\{").matcher(TestSupport.headerWithoutComments(header));
            while (m.find()) defined.add(m.group(1));
        }
        assertEquals(new TreeSet<>(PUBLIC_STRUCTS), defined, "structs defined with members in the headers");
        for (String struct : PUBLIC_STRUCTS) {
            Object layout = Class.forName(PACKAGE + struct).getMethod("layout").invoke(null);
            assertTrue(layout instanceof GroupLayout g && g.name().orElse("").equals(struct),
                    struct + ".layout() is " + layout);
        }
    }

    @Test
    void everyCallbackSetterHasACallbackInterface() throws Exception {
        List<String> expected = callbackClassesFromHeader();
        assertTrue(expected.contains("rd_kafka_conf_set_dr_msg_cb$dr_msg_cb")
                        && expected.contains("rd_kafka_topic_conf_set_partitioner_cb$partitioner"),
                "the header regex found only " + expected);
        List<String> missing = new ArrayList<>();
        for (String name : expected) {
            try {
                Class<?> cb = Class.forName(PACKAGE + name, false, CoverageTest.class.getClassLoader());
                Class<?> function = Class.forName(PACKAGE + name + "$Function", false, CoverageTest.class.getClassLoader());
                Method allocate = cb.getMethod("allocate", function, Arena.class);
                if (!function.isInterface() || allocate.getReturnType() != MemorySegment.class) missing.add(name + " (shape)");
            } catch (ClassNotFoundException | NoSuchMethodException e) {
                missing.add(name + " (" + e + ")");
            }
        }
        assertTrue(missing.isEmpty(), "callback setters without an upcall class: " + missing);
        assertTrue(expected.size() >= 18, "only " + expected.size() + " callback setters found: " + expected);
    }

    /**
     * {@code <function>$<parameter>} for every function-pointer parameter of every
     * {@code *_set_*_cb} declaration in rdkafka.h, jextract's name for the upcall class.
     */
    private static List<String> callbackClassesFromHeader() throws IOException {
        String text = TestSupport.headerWithoutComments("rdkafka.h");
        Matcher setter = Pattern.compile("\\b(\\w+_set_\\w+_cb)\\s*\\(").matcher(text);
        Pattern fnPointer = Pattern.compile("\\(\\s*\\*\\s*(\\w+)\\s*\\)\\s*\\(");
        List<String> classes = new ArrayList<>();
        while (setter.find()) {
            int depth = 1, i = setter.end();
            while (depth > 0) {
                char c = text.charAt(i++);
                if (c == '(') depth++;
                else if (c == ')') depth--;
            }
            if (!text.substring(i).stripLeading().startsWith(";")) continue; // a call in a macro, not a declaration
            Matcher p = fnPointer.matcher(text.substring(setter.end(), i - 1));
            while (p.find()) classes.add(setter.group(1) + "$" + p.group(1));
        }
        return classes;
    }

    /** The names given to {@code --include-<kind>} in includes.txt. */
    private static Set<String> includes(String kind) throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(TestSupport.INCLUDES)) {
            String[] words = line.trim().split("\\s+");
            if (words.length == 2 && words[0].equals("--include-" + kind)) names.add(words[1]);
        }
        return names;
    }
}
