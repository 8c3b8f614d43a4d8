package dev.berth.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code berth graph --format html}: one self-contained page (no script, no font, nothing fetched)
 * holding the graph as inline SVG and the findings as a table. Layout is computed here, simply:
 * clusters stacked top to bottom; inside a cluster, boxes in columns by the longest chain of
 * arrows that reaches them (left to right, as the Mermaid and DOT forms read), each column's
 * boxes one under another. Text is monospace so a box's width follows from its longest line.
 */
final class GraphPage {
  /** Monospace glyph advance at {@link #FONT_PX}, with a margin for fonts wider than 0.6 em. */
  static final double CHAR_PX = 8.0;
  static final int FONT_PX = 12;
  static final int LINE_PX = 16;
  static final int PAD = 8;
  static final int GAP_X = 60;
  static final int GAP_Y = 16;
  static final int CLUSTER_PAD = 16;
  static final int TITLE_PX = 24;

  record Box(String id, List<String> lines, boolean marked, double x, double y, double w,
      double h) {}

  record Frame(String title, double x, double y, double w, double h) {}

  private final List<Box> boxes = new ArrayList<>();
  private final List<Frame> frames = new ArrayList<>();
  private final Map<String, Box> byId = new HashMap<>();
  private double width;
  private double height;

  /**
   * @param clusters each cluster's title and its boxes (id, label lines, marked)
   * @param edges (from id, to id) pairs; inside a cluster they decide the columns
   */
  GraphPage(List<Map.Entry<String, List<Box>>> clusters, List<String[]> edges) {
    double y = 0;
    for (Map.Entry<String, List<Box>> c : clusters) {
      List<Box> nodes = c.getValue();
      Map<String, Integer> column = columns(nodes, edges);
      int columns = column.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
      double[] colWidth = new double[columns];
      for (Box b : nodes) {
        int k = column.get(b.id());
        colWidth[k] = Math.max(colWidth[k], boxWidth(b.lines()));
      }
      double[] colY = new double[columns];
      double top = y + TITLE_PX + CLUSTER_PAD;
      java.util.Arrays.fill(colY, top);
      double clusterW = textWidth(c.getKey()) + 2 * CLUSTER_PAD;
      double bottom = top;
      for (Box b : nodes) {
        int k = column.get(b.id());
        double x = CLUSTER_PAD;
        for (int i = 0; i < k; i++) x += colWidth[i] + GAP_X;
        double h = b.lines().size() * LINE_PX + 2 * PAD;
        Box placed = new Box(b.id(), b.lines(), b.marked(), x, colY[k], colWidth[k], h);
        boxes.add(placed);
        byId.put(b.id(), placed);
        colY[k] += h + GAP_Y;
        bottom = Math.max(bottom, colY[k]);
        clusterW = Math.max(clusterW, x + colWidth[k] + CLUSTER_PAD);
      }
      double clusterH = bottom - y + CLUSTER_PAD - (nodes.isEmpty() ? 0 : GAP_Y);
      frames.add(new Frame(c.getKey(), 0, y, clusterW, clusterH));
      width = Math.max(width, clusterW);
      y += clusterH + 2 * GAP_Y;
    }
    height = Math.max(y - 2 * GAP_Y, 0);
  }

  /** Column of each box: the longest chain of in-cluster arrows ending at it (cycles cut). */
  private static Map<String, Integer> columns(List<Box> nodes, List<String[]> edges) {
    Map<String, Integer> col = new HashMap<>();
    for (Box b : nodes) col.put(b.id(), 0);
    // Bellman-Ford style relaxation bounded by the node count: a cycle cannot push forever.
    for (int round = 0; round < nodes.size(); round++) {
      boolean changed = false;
      for (String[] e : edges) {
        Integer from = col.get(e[0]);
        Integer to = col.get(e[1]);
        if (from == null || to == null || from + 1 <= to || from + 1 >= nodes.size()) continue;
        col.put(e[1], from + 1);
        changed = true;
      }
      if (!changed) break;
    }
    return col;
  }

  static double textWidth(String s) {
    return s.codePointCount(0, s.length()) * CHAR_PX;
  }

  private static double boxWidth(List<String> lines) {
    return lines.stream().mapToDouble(GraphPage::textWidth).max().orElse(0) + 2 * PAD;
  }

  /** The SVG: frames, arrows (with labels), boxes; every text escaped. */
  String svg(List<String[]> edges) {
    StringBuilder b = new StringBuilder();
    double w = width + 2;
    double h = height + 2;
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(fmt(w))
        .append("\" height=\"").append(fmt(h)).append("\" viewBox=\"-1 -1 ").append(fmt(w))
        .append(' ').append(fmt(h)).append("\" font-family=\"monospace\" font-size=\"")
        .append(FONT_PX).append("\">\n");
    b.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
        + "markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">"
        + "<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>\n");
    for (Frame f : frames) {
      b.append("<g class=\"cluster\"><rect x=\"").append(fmt(f.x())).append("\" y=\"")
          .append(fmt(f.y())).append("\" width=\"").append(fmt(f.w())).append("\" height=\"")
          .append(fmt(f.h())).append("\" rx=\"6\" fill=\"#f6f8fa\" stroke=\"#999\"/>")
          .append("<text class=\"title\" x=\"").append(fmt(f.x() + CLUSTER_PAD)).append("\" y=\"")
          .append(fmt(f.y() + 18)).append("\" font-weight=\"bold\">").append(esc(f.title()))
          .append("</text></g>\n");
    }
    for (String[] e : edges) {
      Box from = byId.get(e[0]);
      Box to = byId.get(e[1]);
      if (from == null || to == null) continue;
      double x1 = from.x() + from.w();
      double y1 = from.y() + from.h() / 2;
      double x2 = to.x();
      double y2 = to.y() + to.h() / 2;
      if (x2 <= x1) {
        // same column or backwards (an arrow to another cluster): leave from the right edge and
        // come round into the target's right edge
        x2 = to.x() + to.w();
        double bend = Math.max(x1, x2) + GAP_X / 2.0;
        b.append("<path class=\"edge\" d=\"M ").append(fmt(x1)).append(' ').append(fmt(y1))
            .append(" C ").append(fmt(bend)).append(' ').append(fmt(y1)).append(", ")
            .append(fmt(bend)).append(' ').append(fmt(y2)).append(", ").append(fmt(x2))
            .append(' ').append(fmt(y2)).append('"');
      } else {
        double mid = (x1 + x2) / 2;
        b.append("<path class=\"edge\" d=\"M ").append(fmt(x1)).append(' ').append(fmt(y1))
            .append(" C ").append(fmt(mid)).append(' ').append(fmt(y1)).append(", ")
            .append(fmt(mid)).append(' ').append(fmt(y2)).append(", ").append(fmt(x2))
            .append(' ').append(fmt(y2)).append('"');
      }
      b.append(" fill=\"none\" stroke=\"#555\" marker-end=\"url(#arrow)\"><title>")
          .append(esc(e[2])).append("</title></path>\n");
    }
    for (Box x : boxes) {
      b.append("<g class=\"node").append(x.marked() ? " finding" : "").append("\" id=\"")
          .append(x.id()).append("\"><rect x=\"").append(fmt(x.x())).append("\" y=\"")
          .append(fmt(x.y())).append("\" width=\"").append(fmt(x.w())).append("\" height=\"")
          .append(fmt(x.h())).append("\" rx=\"4\" fill=\"#fff\" stroke=\"")
          .append(x.marked() ? "#d00\" stroke-width=\"3\"" : "#333\"").append("/>");
      for (int i = 0; i < x.lines().size(); i++) {
        b.append("<text x=\"").append(fmt(x.x() + PAD)).append("\" y=\"")
            .append(fmt(x.y() + PAD + (i + 1) * LINE_PX - 4)).append("\">")
            .append(esc(x.lines().get(i))).append("</text>");
      }
      b.append("</g>\n");
    }
    return b.append("</svg>\n").toString();
  }

  static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.format(java.util.Locale.ROOT,
        "%.1f", d);
  }

  static String esc(String s) {
    return TerminalText.safe(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
