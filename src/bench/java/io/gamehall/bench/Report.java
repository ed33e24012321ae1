package io.gamehall.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One run's results: a Markdown report for people, {@code summary.properties} for scripts and the
 * smoke test, and the charts beside them in the run's directory.
 */
final class Report {
  final Path directory;
  private final List<String> lines = new ArrayList<>();
  private final Map<String, String> summary = new LinkedHashMap<>();

  Report(Path directory) {
    this.directory = directory;
  }

  void heading(String text) {
    lines.add("");
    lines.add("## " + text);
    lines.add("");
  }

  /** A figure: one report line and one summary entry. */
  void figure(String key, String label, Object value) {
    lines.add("- " + label + ": " + value);
    summary.put(key, String.valueOf(value));
  }

  void note(String text) {
    lines.add(text);
  }

  void latency(String key, String label, Histogram h) {
    figure(key + ".count", label + " samples", h.getTotalCount());
    if (h.getTotalCount() == 0) {
      return;
    }
    figure(key + ".p50.ms", label + " p50 (ms)", ms(h.getValueAtPercentile(50)));
    figure(key + ".p99.ms", label + " p99 (ms)", ms(h.getValueAtPercentile(99)));
    figure(key + ".p999.ms", label + " p99.9 (ms)", ms(h.getValueAtPercentile(99.9)));
    figure(key + ".max.ms", label + " max (ms)", ms(h.getMaxValue()));
  }

  void problems(Map<String, Long> problems) {
    long total = problems.values().stream().mapToLong(Long::longValue).sum();
    figure(
        "problems",
        "problems (errors, refusals, unexpected closes, seq gaps, disagreements)",
        total);
    problems.forEach((kind, count) -> lines.add("  - " + kind + ": " + count));
  }

  String get(String key) {
    return summary.get(key);
  }

  long number(String key) {
    String value = summary.get(key);
    return value == null ? -1 : Math.round(Double.parseDouble(value));
  }

  static String ms(long micros) {
    return String.format("%.2f", micros / 1000.0);
  }

  void write(String title) throws IOException {
    List<String> all = new ArrayList<>();
    all.add("# " + title);
    all.addAll(lines);
    Files.write(directory.resolve("report.md"), all, StandardCharsets.UTF_8);
    List<String> props = new ArrayList<>();
    summary.forEach((k, v) -> props.add(k + "=" + v));
    Files.write(directory.resolve("summary.properties"), props, StandardCharsets.UTF_8);
  }
}
