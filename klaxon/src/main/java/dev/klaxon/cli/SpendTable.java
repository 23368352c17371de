package dev.klaxon.cli;

import dev.klaxon.cost.query.TopSpenders;
import dev.klaxon.cost.query.TopSpenders.UserTotal;
import dev.klaxon.cost.query.UserSpend;
import dev.klaxon.cost.query.UserSpend.ProviderSpend;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** {@code klaxon spend}'s tables: amounts exact, as the API gives them, right-aligned. */
final class SpendTable {

  private SpendTable() {}

  static String user(UserSpend spend) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"provider", "cost USD", "events", "units"});
    for (ProviderSpend provider : spend.providers()) {
      rows.add(new String[] {provider.provider(), usd(provider.costUsd()), Long.toString(provider.events()),
          units(provider.units())});
    }
    rows.add(new String[] {"total", usd(spend.costUsd()), Long.toString(spend.events()), units(spend.units())});
    return "spend of " + spend.userId() + ", " + period(spend.period(), spend.start()) + " (UTC, so far)\n"
        + table(rows);
  }

  static String top(TopSpenders top) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"#", "user", "cost USD", "events"});
    int rank = 1;
    for (UserTotal user : top.users()) {
      rows.add(new String[] {Integer.toString(rank++), user.userId(), usd(user.costUsd()), Long.toString(user.events())});
    }
    String title = "top spenders, " + period(top.period(), top.start()) + " (UTC, so far; " + top.instances()
        + (top.instances() == 1 ? " instance)" : " instances)") + "\n";
    return top.users().isEmpty() ? title + "no spend yet\n" : title + table(rows);
  }

  /** {@code day 2027-03-15} or {@code month 2027-03}. */
  private static String period(String period, String start) {
    return period + " " + ("month".equals(period) ? start.substring(0, 7) : start.substring(0, 10));
  }

  private static String usd(BigDecimal amount) {
    return amount.toPlainString();
  }

  private static String units(Map<String, Double> units) {
    return new TreeMap<>(units).entrySet().stream().map(e -> e.getKey() + " " + number(e.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }

  /** Text columns left-aligned, numbers right-aligned, two spaces apart. */
  private static String table(List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        boolean numeric = rows.get(0)[c].equals("cost USD") || rows.get(0)[c].equals("events")
            || rows.get(0)[c].equals("#");
        String format = "%" + (numeric ? "" : "-") + widths[c] + "s";
        line.append(c == 0 ? "" : "  ").append(String.format(format, row[c]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
