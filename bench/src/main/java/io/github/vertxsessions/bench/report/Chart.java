package io.github.vertxsessions.bench.report;

import io.github.vertxsessions.bench.load.LoadRun;
import io.github.vertxsessions.bench.load.Scenario;
import io.github.vertxsessions.bench.peer.PeerKind;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The load results at a glance, drawn from the run's own figures, in panels of grouped bars (one group per scenario,
 * one bar per peer, each peer in the same colour throughout): requests per second; the peer server's CPU time per
 * request, which keeps comparing peers where req/s saturates; and, when a peer used one, the store server's CPU
 * time per request. Across a bar, a dashed line marks its floor's figure: above it, in the CPU panel, is the
 * session's own cost.
 */
final class Chart {

  private static final int WIDTH = 1200;
  private static final int PANEL_HEIGHT = 400;
  private static final int LEFT = 90;
  private static final int RIGHT = 260;
  private static final int TITLE = 40;
  private static final int LABELS = 50;
  private static final int BOTTOM = 40;
  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0xbcbd22),
    new Color(0x7f7f7f), new Color(0xaec7e8), new Color(0x9e9e9e)};

  private Chart() {
  }

  /** One panel: a figure of a run, and whether the peer's floor's figure is marked across its bar. */
  private record Panel(String title, ToDoubleFunction<LoadRun> figure, boolean floorMarked) {
  }

  /** Writes the chart of {@code runs} to {@code png}; only scenarios and peers that have a successful run appear. */
  static void write(List<LoadRun> runs, List<Scenario> scenarios, List<PeerKind> peers, Path png) throws IOException {
    // a floor is drawn as the dashed mark across its peers' bars, not as a bar of its own
    List<PeerKind> shown = peers.stream().filter(p -> p.floor() != p)
      .filter(p -> runs.stream().anyMatch(r -> r.peer() == p && r.succeeded())).toList();
    List<Panel> panels = new ArrayList<>(List.of(
      new Panel("Requests per second (dashed: the peer's no-session floor)",
        run -> run.result().requestsPerSecond(), true),
      new Panel("Peer server's CPU time per request, µs (dashed: its floor's; above it: the session's cost)",
        LoadRun::peerCpuMicrosPerRequest, true)));
    if (runs.stream().filter(LoadRun::succeeded).anyMatch(r -> !Double.isNaN(r.storeCpuMicrosPerRequest()))) {
      panels.add(new Panel("Store server's CPU time per request, µs (Redis, PostgreSQL, mongo-java-server)",
        LoadRun::storeCpuMicrosPerRequest, false));
    }

    BufferedImage image = new BufferedImage(WIDTH, PANEL_HEIGHT * panels.size(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, image.getHeight());
    for (int i = 0; i < panels.size(); i++) {
      panel(g, i * PANEL_HEIGHT, panels.get(i), runs, scenarios, shown);
    }
    legend(g, shown);
    g.dispose();
    ImageIO.write(image, "png", png.toFile());
  }

  private static void panel(Graphics2D g, int panelTop, Panel panel, List<LoadRun> runs, List<Scenario> scenarios,
                            List<PeerKind> shown) {
    double max = runs.stream().filter(LoadRun::succeeded).mapToDouble(panel.figure()).filter(v -> !Double.isNaN(v))
      .max().orElse(1);
    double top = niceCeiling(Math.max(max, 1e-9));
    int plotTop = panelTop + TITLE + LABELS;
    int plotWidth = WIDTH - LEFT - RIGHT;
    int plotHeight = PANEL_HEIGHT - TITLE - LABELS - BOTTOM;
    int baseline = plotTop + plotHeight;

    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.setColor(Color.BLACK);
    g.drawString(panel.title(), LEFT, panelTop + 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int i = 0; i <= 5; i++) {
      double value = top * i / 5;
      int y = baseline - (int) (plotHeight * value / top);
      g.setColor(new Color(0xe0e0e0));
      g.drawLine(LEFT, y, LEFT + plotWidth, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, top >= 10 ? "%,.0f" : "%.1f", value), 10, y + 4);
    }

    int groupWidth = plotWidth / Math.max(1, scenarios.size());
    int barWidth = Math.max(6, (groupWidth - 30) / Math.max(1, shown.size()));
    for (int s = 0; s < scenarios.size(); s++) {
      Scenario scenario = scenarios.get(s);
      int groupLeft = LEFT + s * groupWidth + 15;
      for (int p = 0; p < shown.size(); p++) {
        PeerKind peer = shown.get(p);
        Optional<LoadRun> run = find(runs, peer, scenario);
        double value = run.map(panel.figure()::applyAsDouble).orElse(Double.NaN);
        if (Double.isNaN(value)) {
          continue;
        }
        int x = groupLeft + p * barWidth;
        int height = (int) (plotHeight * Math.max(0, value) / top);
        g.setColor(COLORS[p % COLORS.length]);
        g.fillRect(x, baseline - height, barWidth - 2, height);
        if (panel.floorMarked()) {
          find(runs, peer.floor(), scenario).map(panel.figure()::applyAsDouble).filter(v -> !Double.isNaN(v))
            .ifPresent(floor -> dashed(g, x - 1, x + barWidth - 1, baseline - (int) (plotHeight * floor / top)));
        }
        g.setColor(Color.DARK_GRAY);
        upright(g, String.format(Locale.ROOT, value < 100 ? "%.1f" : "%,.0f", value), x + barWidth / 2 + 3,
          baseline - height - 4);
      }
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
      g.drawString(scenario.id(), groupLeft + (shown.size() * barWidth) / 2 - 15, baseline + 25);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    }
    g.setColor(Color.BLACK);
    g.drawLine(LEFT, baseline, LEFT + plotWidth, baseline);
  }

  private static void legend(Graphics2D g, List<PeerKind> shown) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int i = 0; i < shown.size(); i++) {
      int y = TITLE + LABELS + i * 22;
      g.setColor(COLORS[i % COLORS.length]);
      g.fillRect(WIDTH - RIGHT + 20, y - 11, 14, 14);
      g.setColor(Color.BLACK);
      g.drawString(shown.get(i).id(), WIDTH - RIGHT + 42, y);
    }
  }

  private static void dashed(Graphics2D g, int fromX, int toX, int y) {
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {4, 3}, 0));
    g.drawLine(fromX, y, toX, y);
    g.setStroke(new BasicStroke(1));
  }

  /** A bar's value, written upwards from just above the bar so that it fits a narrow bar. */
  private static void upright(Graphics2D g, String text, int x, int y) {
    AffineTransform saved = g.getTransform();
    Font font = g.getFont();
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    g.rotate(-Math.PI / 2, x, y);
    g.drawString(text, x, y);
    g.setTransform(saved);
    g.setFont(font);
  }

  private static Optional<LoadRun> find(List<LoadRun> runs, PeerKind peer, Scenario scenario) {
    return runs.stream().filter(r -> r.peer() == peer && r.scenario() == scenario && r.succeeded()).findFirst();
  }

  /** 1, 2, 2.5 or 5 times a power of ten, at or above {@code value}. */
  private static double niceCeiling(double value) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= value) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }
}
