package dev.jrdkafka.benchmarks.harness;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Writes PNG charts of run.sh's raw rows next to each {@code harness-*.tsv} given:
 * {@code -msgs.png} (msgs/s), {@code -cpu.png} (whole-process CPU µs/msg), the same two as
 * ratios to C ({@code -msgs-vs-c.png}, {@code -cpu-vs-c.png}) and, when the file has it,
 * jrdkafka's heap bytes per message ({@code -heap.png}). Grouped horizontal bars: one group
 * per configuration (mode, cluster, settings: only what varies in the file), one bar per tool
 * (one colour per tool, produce or consume), each the median over the repeats (the spread is in
 * the markdown table). Run headless: {@code java -Djava.awt.headless=true ... Charts FILE.tsv...}
 */
public final class Charts {
    private Charts() {}

    private static final List<String> TOOLS = List.of("C", "J", "K");
    /** The tools' names by the modes in the file: one name per tool (one colour), whatever the mode. */
    private static final Map<String, Map<String, String>> NAMES = Map.of(
            "produce", Map.of("C", "C rdkafka_performance -P", "J", "jrdkafka perf -P", "K", "kafka-clients ProducerPerformance"),
            "consume", Map.of("C", "C rdkafka_performance -C", "J", "jrdkafka perf -C (batch)", "K", "kafka-clients ConsumerPerformance"),
            "both", Map.of("C", "C rdkafka_performance -P / -C", "J", "jrdkafka perf -P / -C (batch)",
                    "K", "kafka-clients Producer- / ConsumerPerformance"));
    private static final Map<String, Color> COLORS = Map.of("C", new Color(0x7f7f7f), "J", new Color(0x1f77b4),
            "K", new Color(0xff7f0e));

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: Charts HARNESS.tsv...");
            System.exit(2);
        }
        for (String arg : args) {
            for (Path png : write(Path.of(arg))) System.out.println(png);
        }
    }

    /** Writes the charts of one tsv file and returns their paths. */
    static List<Path> write(Path tsv) throws IOException {
        List<HarnessRow> rows = HarnessRow.read(tsv);
        if (rows.isEmpty()) throw new IOException("no rows in " + tsv);
        Labels labels = Labels.of(rows);
        Set<String> modes = rows.stream().map(r -> r.configuration().mode()).collect(Collectors.toSet());
        Map<String, String> names = NAMES.get(modes.size() == 1 ? modes.iterator().next() : "both");
        int repeats = Medians.repeats(rows);
        String base = tsv.getFileName().toString().replaceFirst("\\.tsv$", "");
        String about = base + ": " + labels.constant() + "; medians of " + (repeats == 1 ? "1 run" : "up to " + repeats + " repeats");
        Medians rate = new Medians(rows, HarnessRow::msgsPerSecond);
        Medians cpu = new Medians(rows, HarnessRow::cpuMicrosPerMessage);
        Medians heap = new Medians(rows, HarnessRow::heapBytesPerMessage);
        NumberFormat compact = NumberFormat.getCompactNumberInstance(Locale.US, NumberFormat.Style.SHORT);
        compact.setMaximumFractionDigits(2);
        DecimalFormat ratio = new DecimalFormat("0.00'×'");
        List<Path> written = new ArrayList<>();
        written.add(save(tsv, base + "-msgs.png", chart("Throughput, msgs/s (higher is better)", about, "msgs/s",
                rate, labels, names, compact, Double.NaN)));
        written.add(save(tsv, base + "-cpu.png", chart("CPU per message, whole client process, µs (lower is better)", about,
                "CPU µs/msg (user + sys, /usr/bin/time)", cpu, labels, names, new DecimalFormat("0.000"), Double.NaN)));
        written.add(save(tsv, base + "-msgs-vs-c.png", chart("Throughput ÷ C's (higher is better)", about,
                "msgs/s ÷ C rdkafka_performance's", rate.ratioToC(), labels, names, ratio, 1.0)));
        written.add(save(tsv, base + "-cpu-vs-c.png", chart("CPU per message ÷ C's, whole process (lower is better)", about,
                "CPU µs/msg ÷ C rdkafka_performance's", cpu.ratioToC(), labels, names, ratio, 1.0)));
        if (!heap.byConfiguration().isEmpty()) {
            written.add(save(tsv, base + "-heap.png", chart("jrdkafka: Java heap bytes allocated per message (client creation to close)",
                    about, "heap B/msg (all threads)", heap, labels, names, new DecimalFormat("0.0"), Double.NaN)));
        }
        return written;
    }

    private static Path save(Path tsv, String name, JFreeChart chart) throws IOException {
        Path png = tsv.resolveSibling(name);
        int groups = ((CategoryPlot) chart.getPlot()).getDataset().getColumnCount();
        int bars = ((CategoryPlot) chart.getPlot()).getDataset().getRowCount();
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, Math.max(360, 150 + groups * (bars * 20 + 18)));
        return png;
    }

    private static JFreeChart chart(String title, String about, String axis, Medians medians, Labels labels,
                                    Map<String, String> names, NumberFormat format, double marker) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (String tool : TOOLS) {
            medians.byConfiguration().forEach((configuration, values) -> {
                Double v = values.get(tool);
                if (v != null) data.addValue(v, names.get(tool), labels.of(configuration));
            });
        }
        CategoryAxis categories = new CategoryAxis();
        categories.setCategoryMargin(0.25);
        NumberAxis values = new NumberAxis(axis);
        values.setUpperMargin(0.15);
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setItemMargin(0.05);
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", format));
        bars.setDefaultItemLabelsVisible(true);
        bars.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        bars.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        for (int i = 0; i < data.getRowCount(); i++) {
            String name = (String) data.getRowKey(i);
            TOOLS.stream().filter(t -> names.get(t).equals(name)).findFirst().ifPresent(t -> bars.setSeriesPaint(
                    data.getRowIndex(name), COLORS.get(t)));
        }
        CategoryPlot plot = new CategoryPlot(data, categories, values, bars);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT); // values under the bars
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        if (!Double.isNaN(marker)) {
            ValueMarker c = new ValueMarker(marker, Color.DARK_GRAY, new BasicStroke(1.5f));
            c.setLabel("C = 1");
            c.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
            c.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addRangeMarker(c);
        }
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        chart.addSubtitle(new TextTitle(about, new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * A configuration's label names only what varies in the file (cluster, size, …); what is
     * the same for every row goes into the subtitle once.
     */
    record Labels(boolean mode, boolean cluster, boolean size, boolean linger, boolean codec, boolean acks, String constant) {
        static Labels of(List<HarnessRow> rows) {
            List<HarnessRow.Configuration> cs = rows.stream().map(HarnessRow::configuration).toList();
            boolean mo = varies(cs, HarnessRow.Configuration::mode), cl = varies(cs, HarnessRow.Configuration::cluster), sz = varies(cs, HarnessRow.Configuration::size),
                    li = varies(cs, HarnessRow.Configuration::linger), co = varies(cs, HarnessRow.Configuration::codec),
                    ac = varies(cs, HarnessRow.Configuration::acks);
            HarnessRow.Configuration first = cs.getFirst();
            List<String> same = new ArrayList<>();
            if (!mo) same.add(first.mode());
            if (!cl) same.add(first.cluster());
            if (!sz) same.add(first.sizeLabel());
            if (!li) same.add("linger.ms=" + first.linger());
            if (!co) same.add("compression " + first.codec());
            if (!ac) same.add("acks=" + first.acks());
            Set<Long> counts = rows.stream().map(HarnessRow::count).collect(Collectors.toCollection(java.util.TreeSet::new));
            same.add(counts.stream().map(n -> String.format(Locale.US, "%,d", n)).collect(Collectors.joining(" / ")) + " messages");
            return new Labels(mo, cl, sz, li, co, ac, String.join(", ", same));
        }

        private static boolean varies(List<HarnessRow.Configuration> cs, Function<HarnessRow.Configuration, Object> field) {
            return cs.stream().map(field).distinct().count() > 1;
        }

        String of(HarnessRow.Configuration c) {
            List<String> parts = new ArrayList<>();
            if (mode) parts.add(c.mode());
            if (cluster) parts.add(c.cluster());
            if (size) parts.add(c.sizeLabel());
            if (linger) parts.add("linger " + c.linger());
            if (codec) parts.add(c.codec());
            if (acks) parts.add("acks " + c.acks());
            return parts.isEmpty() ? "all" : String.join(", ", parts);
        }
    }
}
