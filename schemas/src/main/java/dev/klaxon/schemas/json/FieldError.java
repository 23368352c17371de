package dev.klaxon.schemas.json;

/**
 * One problem with one field of one event in a batch (design §9: the gateway answers 400 with a
 * list of these).
 *
 * @param index 0-based position of the event in its batch
 * @param field the JSON field at fault ({@code attributes.<key>} for an attribute); {@code null} when
 *     the problem is the item or the body as a whole (malformed JSON, an item that is not an object)
 * @param message a sentence for the user, naming the rule and the value found
 */
public record FieldError(int index, String field, String message) {

  public FieldError {
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("a field error needs a message");
    }
  }

  @Override
  public String toString() {
    return "[" + index + "]" + (field == null ? "" : " " + field) + ": " + message;
  }
}
