package io.onecard.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws the suite's PNG plots with JFreeChart (headless AWT): the maximum rate of each contender, and the
 * latency percentiles and achieved rate of the HTTP hello-world, OneCard's HTTP settlements and PostgreSQL
 * against the offered rate. Drawn from the figures, never by hand, so a plot always matches its run.
 */
public final class SuiteCharts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    /** The targets plotted against offered load, and how the plots name them. */
    private static final Map<String, String> TARGETS = Map.of("hello", "Netty hello-world", "debits",
        "OneCard over HTTP", "jdbc", "PostgreSQL over JDBC");
    private static final List<String> ORDER = List.of("hello", "debits", "jdbc");
    private static final Color[] COLOURS = {new Color(0xaaaaaa), new Color(0x1f5fbf), new Color(0xc0392b)};

    private SuiteCharts() {
    }

    /** Writes {@code throughput.png}, {@code latency.png} and {@code achieved.png} into {@code dir}. */
    public static void write(SuiteResults results, Path dir) throws IOException {
        writeThroughput(results, dir.resolve("throughput.png"));
        writeLatency(results, dir.resolve("latency.png"));
        writeAchieved(results, dir.resolve("achieved.png"));
    }

    private static void writeThroughput(SuiteResults results, Path file) throws IOException {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (String target : ORDER) {
            LoadPoint maximum = results.maximum(target);
            if (maximum != null) {
                dataset.addValue(maximum.achievedPerSecond(), "per second", TARGETS.get(target));
            }
        }
        addIfMeasured(dataset, results.jmhScore("RingThroughputBenchmark.settleBatch", "sync"), "OneCard ring, sync");
        addIfMeasured(dataset, results.jmhScore("RingThroughputBenchmark.settleBatch", "async"),
            "OneCard ring, async");
        JFreeChart chart = ChartFactory.createBarChart("Maximum rate (requests or settlements per second)", null,
            "per second", dataset, PlotOrientation.HORIZONTAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.GRAY);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    private static void addIfMeasured(DefaultCategoryDataset dataset, double value, String name) {
        if (!Double.isNaN(value)) {
            dataset.addValue(value, "per second", name);
        }
    }

    private static void writeLatency(SuiteResults results, Path file) throws IOException {
        XYSeriesCollection dataset = new XYSeriesCollection();
        for (String target : ORDER) {
            XYSeries p50 = new XYSeries(TARGETS.get(target) + " p50");
            XYSeries p99 = new XYSeries(TARGETS.get(target) + " p99");
            for (LoadPoint point : results.target(target)) {
                if (!point.closedLoop()) {
                    p50.add(point.offeredPerSecond(), Math.max(0.001, point.p50Micros() / 1000.0));
                    p99.add(point.offeredPerSecond(), Math.max(0.001, point.p99Micros() / 1000.0));
                }
            }
            addIfNotEmpty(dataset, p50);
            addIfNotEmpty(dataset, p99);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Latency against offered load (open loop, from due time)",
            "offered per second", "latency (ms, log scale)", dataset, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRangeAxis(logAxis("latency (ms, log scale)"));
        plot.setDomainAxis(logAxis("offered per second (log scale)"));
        style(plot);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    private static void writeAchieved(SuiteResults results, Path file) throws IOException {
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYSeries offered = new XYSeries("offered");
        for (String target : ORDER) {
            XYSeries achieved = new XYSeries(TARGETS.get(target));
            for (LoadPoint point : results.target(target)) {
                if (!point.closedLoop()) {
                    achieved.add(point.offeredPerSecond(), point.achievedPerSecond());
                    offered.addOrUpdate(point.offeredPerSecond(), point.offeredPerSecond());
                }
            }
            addIfNotEmpty(dataset, achieved);
        }
        addIfNotEmpty(dataset, offered);
        JFreeChart chart = ChartFactory.createXYLineChart("Settled against offered (open loop)",
            "offered per second", "settled per second", dataset, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        style(plot);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    private static LogAxis logAxis(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
        axis.setSmallestValue(0.01);
        return axis;
    }

    private static void addIfNotEmpty(XYSeriesCollection dataset, XYSeries series) {
        if (series.getItemCount() > 0) {
            dataset.addSeries(series);
        }
    }

    /**
     * One colour per target, p99 and the offered line dashed, series drawn in order so that a later line (OneCard
     * over the hello-world) stays visible where they overlap; the hello-world is drawn wider for the same reason.
     */
    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.GRAY);
        plot.setRangeGridlinePaint(Color.GRAY);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
            String name = plot.getDataset().getSeriesKey(i).toString();
            int target = ORDER.indexOf(ORDER.stream().filter(key -> name.startsWith(TARGETS.get(key))).findFirst()
                .orElse("none"));
            float width = target == 0 ? 5f : 2f;
            renderer.setSeriesPaint(i, target < 0 ? Color.BLACK : COLOURS[target]);
            renderer.setSeriesStroke(i, name.endsWith("p99") || target < 0 ? new BasicStroke(width,
                BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f) : new BasicStroke(width));
        }
        plot.setRenderer(renderer);
    }
}
