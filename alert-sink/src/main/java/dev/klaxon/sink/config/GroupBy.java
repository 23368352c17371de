package dev.klaxon.sink.config;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which labels split a route's alerts into groups: the listed ones, or every label ({@code ...}, one
 * group per alert). An empty list puts all the route's alerts in one group (a digest).
 */
public record GroupBy(List<String> labels, boolean allLabels) {

  public static final GroupBy NONE = new GroupBy(List.of(), false);
  public static final GroupBy ALL = new GroupBy(List.of(), true);

  public GroupBy {
    labels = List.copyOf(labels);
  }

  /** The group labels of an alert: the group_by labels it has (sorted), or all of them. */
  public Map<String, String> groupLabels(Map<String, String> alertLabels) {
    TreeMap<String, String> out = new TreeMap<>();
    if (allLabels) {
      out.putAll(alertLabels);
    } else {
      for (String name : labels) {
        String value = alertLabels.get(name);
        if (value != null) {
          out.put(name, value);
        }
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return allLabels ? "[...]" : labels.toString();
  }
}
