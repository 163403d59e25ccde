package io.ainj.node.bench;

import java.util.List;
import java.util.Locale;

/** A dependency-free SVG chart of a run: committed tx/s (bars) and p50/p99 finality (lines). */
public final class Plot {
  private Plot() {}

  public static String svg(String title, List<LoadGenerator.Second> seconds) {
    int w = 900;
    int h = 420;
    int left = 70;
    int right = 70;
    int top = 40;
    int bottom = 50;
    double maxTx = Math.max(1, seconds.stream().mapToInt(LoadGenerator.Second::committed).max().orElse(1));
    double maxMs = Math.max(1, seconds.stream().mapToLong(LoadGenerator.Second::p99Ms).max().orElse(1));
    int n = Math.max(1, seconds.size());
    double bw = (w - left - right) / (double) n;
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", w, h));
    sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n", left, escape(title)));
    for (int i = 0; i < seconds.size(); i++) {
      LoadGenerator.Second s = seconds.get(i);
      double bh = (h - top - bottom) * s.committed() / maxTx;
      sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#7aa6d8\"/>%n",
          left + i * bw, h - bottom - bh, Math.max(1, bw - 1), bh));
    }
    sb.append(line(seconds, left, bw, h, top, bottom, maxMs, true, "#d62728"));
    sb.append(line(seconds, left, bw, h, top, bottom, maxMs, false, "#2ca02c"));
    sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", left, h - bottom, w - right, h - bottom));
    sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", left, top, left, h - bottom));
    sb.append(String.format(Locale.ROOT, "<text x=\"5\" y=\"%d\">%.0f tx/s</text>%n", top + 10, maxTx));
    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%d ms</text>%n", w - right + 5, top + 10, (long) maxMs));
    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">time (s): 0 .. %d</text>%n", left, h - 20, n - 1));
    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#7aa6d8\">committed tx/s</text>"
        + "<text x=\"%d\" y=\"%d\" fill=\"#2ca02c\">p50 finality</text><text x=\"%d\" y=\"%d\" fill=\"#d62728\">p99 finality</text>%n",
        left + 220, h - 20, left + 360, h - 20, left + 470, h - 20));
    sb.append("</svg>\n");
    return sb.toString();
  }

  private static String line(List<LoadGenerator.Second> seconds, int left, double bw, int h, int top, int bottom,
      double maxMs, boolean p99, String color) {
    StringBuilder pts = new StringBuilder();
    for (int i = 0; i < seconds.size(); i++) {
      LoadGenerator.Second s = seconds.get(i);
      if (s.committed() == 0) {
        continue;
      }
      double v = p99 ? s.p99Ms() : s.p50Ms();
      pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + i * bw + bw / 2, h - bottom - (h - top - bottom) * v / maxMs));
    }
    return String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", color, pts);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
