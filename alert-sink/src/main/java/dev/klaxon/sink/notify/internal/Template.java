package dev.klaxon.sink.notify.internal;

import dev.klaxon.sink.InvalidConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A title template such as {@code "{{status}}: {{alertname}} on {{service}}"}. Syntax errors are
 * refused when the config is read; a variable missing at render time is a {@link TemplateException},
 * which the notifier answers with its plain built-in message (and counts).
 */
public final class Template {

  private final List<String> parts; // even indexes: literal text; odd indexes: variable names

  private Template(List<String> parts) {
    this.parts = parts;
  }

  public static Template compile(String source, String path) {
    List<String> parts = new ArrayList<>();
    int at = 0;
    while (true) {
      int open = source.indexOf("{{", at);
      int stray = source.indexOf("}}", at);
      if (open < 0) {
        if (stray >= 0) {
          throw InvalidConfigException.at(path, "'}}' without '{{' at offset " + stray);
        }
        parts.add(source.substring(at));
        return new Template(List.copyOf(parts));
      }
      if (stray >= 0 && stray < open) {
        throw InvalidConfigException.at(path, "'}}' without '{{' at offset " + stray);
      }
      int close = source.indexOf("}}", open + 2);
      if (close < 0) {
        throw InvalidConfigException.at(path, "'{{' at offset " + open + " is never closed");
      }
      String name = source.substring(open + 2, close).trim();
      if (!name.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
        throw InvalidConfigException.at(path, "bad variable name '" + name + "' at offset " + open);
      }
      parts.add(source.substring(at, open));
      parts.add(name);
      at = close + 2;
    }
  }

  public String render(Map<String, String> variables) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      if (i % 2 == 0) {
        out.append(parts.get(i));
      } else {
        String value = variables.get(parts.get(i));
        if (value == null) {
          throw new TemplateException("no variable '" + parts.get(i) + "' (have " + variables.keySet().stream().sorted().toList() + ")");
        }
        out.append(value);
      }
    }
    return out.toString();
  }

  /** A template referred to something this alert group does not have. */
  public static final class TemplateException extends RuntimeException {
    public TemplateException(String message) {
      super(message);
    }
  }
}
