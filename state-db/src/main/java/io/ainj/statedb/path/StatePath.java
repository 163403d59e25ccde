package io.ainj.statedb.path;

import java.util.ArrayList;
import java.util.List;

/** AIN path parsing ({@code CommonUtil.parsePath}) and formatting ({@code formatPath}). */
public final class StatePath {
  private StatePath() {}

  /** Splits on '/' and drops empty segments: {@code "//a///b/"} is [a, b]; "" and "/" are []. */
  public static List<String> parse(String path) {
    List<String> out = new ArrayList<>();
    if (path == null) {
      return out;
    }
    int start = 0;
    int n = path.length();
    for (int i = 0; i <= n; i++) {
      if (i == n || path.charAt(i) == '/') {
        if (i > start) {
          out.add(path.substring(start, i));
        }
        start = i + 1;
      }
    }
    return out;
  }

  /** {@code "/" + labels.join("/")}, or "/" for no labels. */
  public static String format(List<String> labels) {
    if (labels.isEmpty()) {
      return "/";
    }
    StringBuilder sb = new StringBuilder();
    for (String l : labels) {
      sb.append('/').append(l);
    }
    return sb.toString();
  }
}
