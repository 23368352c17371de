package dev.klaxon.rules.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An annotation template: text with {@code {{name}}} placeholders. Deliberately no logic (no
 * conditionals, no functions): a summary is one line on-call reads at a glance, and every name it
 * uses is checked against the rule when the file is loaded, not when the alert fires.
 */
public final class Template {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

  private Template() {}

  /** The placeholder names {@code text} uses, in order. */
  public static List<String> names(String text) {
    List<String> names = new ArrayList<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /** Whether {@code text} has a {@code {{} that does not form a placeholder, e.g. {@code {{service}} or {{ }}}. */
  public static boolean hasBrokenPlaceholder(String text) {
    return PLACEHOLDER.matcher(text).replaceAll("").contains("{{");
  }

  /** {@code text} with each placeholder replaced by its value; names without a value are left as written. */
  public static String render(String text, Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : value));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
