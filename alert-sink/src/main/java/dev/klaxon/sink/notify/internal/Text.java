package dev.klaxon.sink.notify.internal;

/** Shortening text to a provider's limit without splitting a character. */
public final class Text {

  public static final String ELLIPSIS = "…";

  private Text() {}

  /** {@code text} if it fits in {@code max} chars, else its start and an ellipsis, {@code max} chars in all. */
  public static String truncate(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    if (max <= 0) {
      return "";
    }
    int end = max - ELLIPSIS.length();
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never cut a surrogate pair in half
    }
    return text.substring(0, Math.max(end, 0)) + ELLIPSIS;
  }

  /** "+3 more alerts" style line for what did not fit. */
  public static String more(int hidden, String noun) {
    return "+" + hidden + " more " + noun + (hidden == 1 ? "" : "s");
  }
}
