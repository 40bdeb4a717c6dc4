package dev.jrdkafka.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regenerating with bindings/regenerate.sh reproduces the committed bindings byte for byte,
 * so nobody has edited generated code or the include list without regenerating. Needs a
 * jextract, which CI does not have: it runs only where JEXTRACT is set.
 */
class DriftTest {
    @Test
    void regeneratingReproducesTheCommittedBindings(@TempDir Path out) throws Exception {
        String jextract = System.getenv("JEXTRACT");
        Assumptions.assumeTrue(jextract != null && !jextract.isBlank(),
                "JEXTRACT not set, set JEXTRACT=/path/to/jextract to run the drift check");

        TestSupport.Result r = TestSupport.run(
                List.of("bash", TestSupport.BINDINGS.resolve("regenerate.sh").toString(),
                        "--output", out.toString(), "--headers", TestSupport.HEADERS.toString()),
                TestSupport.BINDINGS, Map.of("JEXTRACT", jextract), Duration.ofMinutes(10));
        assertEquals(0, r.exitCode(), "regenerate.sh failed:\n" + r.output());

        Set<String> committed = files(TestSupport.GENERATED_JAVA);
        Set<String> regenerated = files(out.resolve("java"));
        List<String> differences = new ArrayList<>();
        for (String f : union(committed, regenerated)) {
            if (!committed.contains(f)) differences.add("only regenerated: java/" + f);
            else if (!regenerated.contains(f)) differences.add("only committed: java/" + f);
            else if (!sameBytes(TestSupport.GENERATED_JAVA.resolve(f), out.resolve("java").resolve(f))) differences.add("differs: java/" + f);
        }
        if (!sameBytes(TestSupport.MANIFEST, out.resolve("jextract-manifest.properties"))) {
            differences.add("differs: jextract-manifest.properties");
        }
        assertTrue(committed.size() > 50, "only " + committed.size() + " committed files under " + TestSupport.GENERATED_JAVA);
        assertTrue(differences.isEmpty(), "bindings/src/generated/ is not what regenerate.sh produces (with " + jextract
                + "); run bindings/regenerate.sh and commit the result:\n" + String.join("\n", differences));
    }

    /** Regular files under {@code root}, as '/'-separated relative paths. */
    private static Set<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .collect(TreeSet::new, Set::add, Set::addAll);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static boolean sameBytes(Path a, Path b) throws IOException {
        return Files.isRegularFile(b) && Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
    }
}
