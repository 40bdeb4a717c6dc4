package dev.jrdkafka.benchmarks.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The median of one figure per configuration and tool, over the repeats, as run.sh's table
 * computes it (the mean of the two middle values for an even count). Configurations keep the
 * order of the file.
 */
final class Medians {
    private final Map<HarnessRow.Configuration, Map<String, Double>> byConfiguration = new LinkedHashMap<>();

    Medians(List<HarnessRow> rows, ToDoubleFunction<HarnessRow> figure) {
        Map<HarnessRow.Configuration, Map<String, List<Double>>> values = new LinkedHashMap<>();
        for (HarnessRow row : rows) {
            double v = figure.applyAsDouble(row);
            if (Double.isNaN(v)) continue;
            values.computeIfAbsent(row.configuration(), c -> new LinkedHashMap<>())
                    .computeIfAbsent(row.tool(), t -> new ArrayList<>()).add(v);
        }
        values.forEach((configuration, tools) -> {
            Map<String, Double> medians = new LinkedHashMap<>();
            tools.forEach((tool, vs) -> medians.put(tool, median(vs)));
            byConfiguration.put(configuration, medians);
        });
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    Map<HarnessRow.Configuration, Map<String, Double>> byConfiguration() {
        return byConfiguration;
    }

    /** Each tool's median divided by C's on the same configuration; configurations without C are left out. */
    Medians ratioToC() {
        Medians ratios = new Medians(List.of(), r -> 0);
        byConfiguration.forEach((configuration, tools) -> {
            Double c = tools.get("C");
            if (c == null || c == 0) return;
            Map<String, Double> r = new LinkedHashMap<>();
            tools.forEach((tool, v) -> {
                if (!tool.equals("C")) r.put(tool, v / c);
            });
            if (!r.isEmpty()) ratios.byConfiguration.put(configuration, r);
        });
        return ratios;
    }

    /** How many repeats there were at most for one configuration and tool (for the chart's subtitle). */
    static int repeats(List<HarnessRow> rows) {
        Map<List<Object>, Integer> n = new LinkedHashMap<>();
        for (HarnessRow row : rows) n.merge(Arrays.asList(row.configuration(), row.tool()), 1, Integer::sum);
        return n.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
