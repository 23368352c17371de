package dev.klaxon.sink.config;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher in Alertmanager's string form: {@code severity="critical"}, {@code service!=""},
 * {@code route=~"/api/.*"}, {@code env!~"dev|test"}. Regexes are fully anchored; a missing label
 * matches as the empty string, as in Alertmanager.
 */
public record Matcher(String name, MatchOp op, String value) {

  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern FORM = Pattern.compile(
      "\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^\"\\s]*)\\s*");

  public Matcher {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(value, "value");
    if (name == null || !LABEL_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid label name '" + name + "'");
    }
    if (op == MatchOp.REGEX || op == MatchOp.NOT_REGEX) {
      compile(value); // fail at construction, not at the first alert
    }
  }

  public static Matcher equal(String name, String value) {
    return new Matcher(name, MatchOp.EQUAL, value);
  }

  /** Parses {@code name<op>"value"} (quotes optional for simple values). */
  public static Matcher parse(String text) {
    java.util.regex.Matcher m = FORM.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a matcher: '" + text + "' (expected e.g. severity=\"critical\")");
    }
    MatchOp op = switch (m.group(2)) {
      case "=" -> MatchOp.EQUAL;
      case "!=" -> MatchOp.NOT_EQUAL;
      case "=~" -> MatchOp.REGEX;
      default -> MatchOp.NOT_REGEX;
    };
    String raw = m.group(3);
    String value = raw.startsWith("\"") ? unquote(raw.substring(1, raw.length() - 1)) : raw;
    try {
      return new Matcher(m.group(1), op, value);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid regex in '" + text + "': " + e.getDescription());
    }
  }

  public boolean matches(Map<String, String> labels) {
    return matchesValue(labels.getOrDefault(name, ""));
  }

  /** Whether a label with {@code labelValue} ("" when absent) satisfies this matcher. */
  public boolean matchesValue(String labelValue) {
    return switch (op) {
      case EQUAL -> value.equals(labelValue);
      case NOT_EQUAL -> !value.equals(labelValue);
      case REGEX -> compile(value).matcher(labelValue).matches();
      case NOT_REGEX -> !compile(value).matcher(labelValue).matches();
    };
  }

  private static Pattern compile(String regex) {
    return PatternCache.get(regex);
  }

  private static String unquote(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char next = s.charAt(++i);
        out.append(next == 'n' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Alertmanager's string form, which {@link #parse} reads back. */
  @Override
  public String toString() {
    return name + op.symbol() + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
