package io.dialright.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The key figures of one benchmark, written beside its human report as {@code <benchmark>.figures.tsv} so that
 * {@code ./dialright bench} can put every benchmark of a run in one table. It lives here because every module's
 * benchmark can reach local-stack.
 *
 * <p>One row per figure: {@code key, figure, value, unit, ceiling, target}. The ceiling names another figure measured
 * in the same run, as {@code benchmark.key} (a bare key means this benchmark's own); the summary shows it and the
 * ratio value ÷ ceiling. The target is {@code >= N}, {@code <= N} or {@code = N} on the value, or the same prefixed
 * with {@code ratio} on value ÷ ceiling (e.g. {@code ratio >= 0.70}).
 */
public final class BenchmarkFigures {

    private final String benchmark;
    private final List<String> rows = new ArrayList<>();

    /** @param benchmark the benchmark's name, the same as its report's file name ({@code import} for import.txt) */
    public BenchmarkFigures(String benchmark) {
        this.benchmark = requireKey(benchmark, "benchmark");
    }

    /** A figure without ceiling or target (often itself the ceiling of another one). */
    public BenchmarkFigures add(String key, String figure, double value, String unit) {
        return add(key, figure, value, unit, null, null);
    }

    /**
     * @param ceiling the key of the figure this one is measured against, or null
     * @param target  the target as {@code >= 20000}, {@code ratio >= 0.70} …, or null
     */
    public BenchmarkFigures add(String key, String figure, double value, String unit, String ceiling,
                                String target) {
        requireKey(key, "key");
        String ceilingKey = ceiling == null ? "" : ceiling.contains(".") ? ceiling : benchmark + "." + ceiling;
        rows.add(String.join("\t", benchmark + "." + key, text(figure),
                Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "NaN", text(unit), ceilingKey,
                target == null ? "" : text(target)));
        return this;
    }

    /** Writes {@code <benchmark>.figures.tsv} into {@code directory} and returns its path. */
    public Path write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(benchmark + ".figures.tsv");
        List<String> lines = new ArrayList<>();
        lines.add("# key\tfigure\tvalue\tunit\tceiling\ttarget");
        lines.addAll(rows);
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    /** Keys are words joined by '_' or '-' (the dot separates benchmark and key in a ceiling). */
    private static String requireKey(String key, String what) {
        if (key == null || !key.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new IllegalArgumentException(what + " must be lower-case letters, digits, '_' or '-': " + key);
        }
        return key;
    }

    /** A column may hold neither tab nor line break. */
    private static String text(String value) {
        return value.replaceAll("[\\t\\r\\n]+", " ").strip();
    }
}
