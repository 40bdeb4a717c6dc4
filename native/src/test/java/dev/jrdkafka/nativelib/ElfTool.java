package dev.jrdkafka.nativelib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ELF facts of a shared library read with binutils' readelf, which reads any architecture's
 * ELF (the host's readelf reads the cross-built aarch64 library too).
 */
final class ElfTool {
    private static final Pattern NEEDED = Pattern.compile("\\(NEEDED\\)\\s+Shared library: \\[([^]]+)]");
    private static final Pattern GLIBC_REF = Pattern.compile("(\\S+?)@@?GLIBC_([0-9.]+)");

    private ElfTool() {}

    static Set<String> needed(Path lib) throws IOException, InterruptedException {
        Matcher m = NEEDED.matcher(run("readelf", "-d", lib.toString()));
        Set<String> needed = new TreeSet<>();
        while (m.find()) needed.add(m.group(1));
        return needed;
    }

    /** Defined global functions of the dynamic symbol table: what the library exports. */
    static Set<String> exportedFunctions(Path lib) throws IOException, InterruptedException {
        Set<String> exported = new TreeSet<>();
        for (String line : dynamicSymbols(lib)) {
            // Num: Value Size Type Bind Vis Ndx Name
            String[] f = line.trim().split("\\s+");
            if (f.length >= 8 && f[3].equals("FUNC") && f[4].equals("GLOBAL") && !f[6].equals("UND")) {
                exported.add(f[7].replaceFirst("@.*", ""));
            }
        }
        return exported;
    }

    /** Every versioned glibc symbol the library refers to, as "name@GLIBC_x.y". */
    static Set<String> glibcReferences(Path lib) throws IOException, InterruptedException {
        Set<String> refs = new TreeSet<>();
        for (String line : dynamicSymbols(lib)) {
            Matcher m = GLIBC_REF.matcher(line);
            while (m.find()) refs.add(m.group(1).replaceFirst("^.*\\s", "") + "@GLIBC_" + m.group(2));
        }
        return refs;
    }

    /** Compares dotted versions numerically: 2.28 < 2.3.4 is false, 2.3.4 < 2.28 is true. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\."), y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (c != 0) return c;
        }
        return 0;
    }

    static String versionOf(String reference) {
        return reference.substring(reference.indexOf("@GLIBC_") + 7);
    }

    private static List<String> dynamicSymbols(Path lib) throws IOException, InterruptedException {
        return run("readelf", "--dyn-syms", "-W", lib.toString()).lines().toList();
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + List.of(command));
        assertEquals(0, p.exitValue(), List.of(command) + ":\n" + out);
        return out;
    }
}
