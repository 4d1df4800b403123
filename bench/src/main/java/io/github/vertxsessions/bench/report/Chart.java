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
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The load results at a glance, drawn from the run's own figures: requests per second as grouped bars, one group per
 * scenario, one bar per peer, with the no-session floor of each scenario as a dashed line across its group.
 */
final class Chart {

  private static final int WIDTH = 1200;
  private static final int HEIGHT = 560;
  private static final int LEFT = 90;
  private static final int RIGHT = 260;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;
  private static final Color[] COLORS = {
    new Color(0x9e9e9e), new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0xbcbd22),
    new Color(0x7f7f7f), new Color(0xaec7e8)};

  private Chart() {
  }

  /** Writes the chart of {@code runs} to {@code png}; only scenarios and peers that have a successful run appear. */
  static void write(List<LoadRun> runs, List<Scenario> scenarios, List<PeerKind> peers, Path png) throws IOException {
    List<PeerKind> shown = peers.stream().filter(p -> p != PeerKind.FLOOR)
      .filter(p -> runs.stream().anyMatch(r -> r.peer() == p && r.succeeded())).toList();
    double max = runs.stream().filter(LoadRun::succeeded).mapToDouble(r -> r.result().requestsPerSecond()).max()
      .orElse(1);
    double top = niceCeiling(max);

    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.setColor(Color.BLACK);
    g.drawString("Requests per second by scenario and peer (dashed: no-session floor)", LEFT, 28);

    int plotWidth = WIDTH - LEFT - RIGHT;
    int plotHeight = HEIGHT - TOP - BOTTOM;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int i = 0; i <= 5; i++) {
      double value = top * i / 5;
      int y = TOP + plotHeight - (int) (plotHeight * value / top);
      g.setColor(new Color(0xe0e0e0));
      g.drawLine(LEFT, y, LEFT + plotWidth, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, "%,.0f", value), 10, y + 4);
    }

    int groupWidth = plotWidth / Math.max(1, scenarios.size());
    int barWidth = Math.max(6, (groupWidth - 30) / Math.max(1, shown.size()));
    for (int s = 0; s < scenarios.size(); s++) {
      Scenario scenario = scenarios.get(s);
      int groupLeft = LEFT + s * groupWidth + 15;
      for (int p = 0; p < shown.size(); p++) {
        Optional<LoadRun> run = find(runs, shown.get(p), scenario);
        if (run.isEmpty()) {
          continue;
        }
        double rps = run.get().result().requestsPerSecond();
        int height = (int) (plotHeight * rps / top);
        int x = groupLeft + p * barWidth;
        g.setColor(COLORS[(p + 1) % COLORS.length]);
        g.fillRect(x, TOP + plotHeight - height, barWidth - 2, height);
      }
      find(runs, PeerKind.FLOOR, scenario).ifPresent(floor -> {
        int y = TOP + plotHeight - (int) (plotHeight * floor.result().requestsPerSecond() / top);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        g.drawLine(groupLeft - 5, y, groupLeft + shown.size() * barWidth + 3, y);
        g.setStroke(new BasicStroke(1));
      });
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
      g.drawString(scenario.id(), groupLeft + (shown.size() * barWidth) / 2 - 15, TOP + plotHeight + 25);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    }
    g.setColor(Color.BLACK);
    g.drawLine(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight);

    List<String> legend = new ArrayList<>();
    shown.forEach(peer -> legend.add(peer.id()));
    for (int i = 0; i < legend.size(); i++) {
      int y = TOP + 10 + i * 22;
      g.setColor(COLORS[(i + 1) % COLORS.length]);
      g.fillRect(WIDTH - RIGHT + 20, y - 11, 14, 14);
      g.setColor(Color.BLACK);
      g.drawString(legend.get(i), WIDTH - RIGHT + 42, y);
    }
    g.dispose();
    ImageIO.write(image, "png", png.toFile());
  }

  private static Optional<LoadRun> find(List<LoadRun> runs, PeerKind peer, Scenario scenario) {
    return runs.stream().filter(r -> r.peer() == peer && r.scenario() == scenario && r.succeeded()).findFirst();
  }

  /** 1, 2 or 5 times a power of ten, at or above {@code value}. */
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
