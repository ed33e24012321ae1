package io.gamehall.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;

/** PNG line charts drawn with Java2D (headless): time series and latency-by-percentile curves. */
final class Charts {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 420;
  private static final int LEFT = 80;
  private static final int RIGHT = 30;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;
  private static final Color[] COLORS = {
    new Color(0x1f77b4),
    new Color(0xd62728),
    new Color(0x2ca02c),
    new Color(0xff7f0e),
    new Color(0x9467bd)
  };
  private static final double[] PERCENTILES = {0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99};

  private Charts() {}

  /** Series of (x, y) points; null y values are skipped. */
  static void lines(
      Path file, String title, String xLabel, String yLabel, Map<String, List<double[]>> series)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    double maxX = 1;
    double maxY = 0;
    for (List<double[]> points : series.values()) {
      for (double[] p : points) {
        maxX = Math.max(maxX, p[0]);
        maxY = Math.max(maxY, p[1]);
      }
    }
    maxY = niceCeiling(maxY);
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = frame(image, title, xLabel, yLabel);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    for (int i = 0; i <= 5; i++) {
      int y = TOP + plotH - plotH * i / 5;
      g.setColor(new Color(0xe0e0e0));
      g.drawLine(LEFT, y, LEFT + plotW, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(format(maxY * i / 5), 5, y + 4);
      int x = LEFT + plotW * i / 5;
      g.drawString(format(maxX * i / 5), x - 10, TOP + plotH + 18);
    }
    int index = 0;
    for (Map.Entry<String, List<double[]>> entry : series.entrySet()) {
      Color color = COLORS[index % COLORS.length];
      g.setColor(color);
      g.setStroke(new BasicStroke(2f));
      int[] last = null;
      for (double[] p : entry.getValue()) {
        int x = LEFT + (int) Math.round(plotW * p[0] / maxX);
        int y = TOP + plotH - (int) Math.round(maxY == 0 ? 0 : plotH * p[1] / maxY);
        if (last != null) {
          g.drawLine(last[0], last[1], x, y);
        }
        last = new int[] {x, y};
      }
      g.fillRect(LEFT + 10 + 190 * index, TOP - 22, 12, 12);
      g.drawString(entry.getKey(), LEFT + 26 + 190 * index, TOP - 12);
      index++;
    }
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  /**
   * Latency against percentile, the x axis stretched as log(1 / (1 - p)) so the tail (99%, 99.9%)
   * gets as much room as the median.
   */
  static void percentiles(Path file, String title, Map<String, Histogram> histograms)
      throws IOException {
    Map<String, List<double[]>> series = new LinkedHashMap<>();
    for (Map.Entry<String, Histogram> entry : histograms.entrySet()) {
      if (entry.getValue().getTotalCount() == 0) {
        continue;
      }
      List<double[]> points = new java.util.ArrayList<>();
      for (double p : PERCENTILES) {
        points.add(new double[] {stretch(p), entry.getValue().getValueAtPercentile(p) / 1000.0});
      }
      series.put(entry.getKey(), points);
    }
    lines(
        file,
        title + "  (x: percentile 0, 90, 99, 99.9, 99.99 at 0, 1, 2, 3, 4)",
        "percentile (log scale)",
        "ms",
        series);
  }

  private static double stretch(double percentile) {
    return Math.log10(100.0 / (100.0 - Math.min(percentile, 99.99)));
  }

  private static Graphics2D frame(BufferedImage image, String title, String xLabel, String yLabel) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, LEFT, 18);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString(xLabel, LEFT + (WIDTH - LEFT - RIGHT) / 2 - 30, HEIGHT - 12);
    g.drawString(yLabel, 5, TOP - 8);
    g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
    return g;
  }

  private static double niceCeiling(double value) {
    if (value <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= value) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String format(double value) {
    return value >= 100 || value == Math.rint(value)
        ? String.valueOf(Math.round(value))
        : String.format("%.2f", value);
  }
}
