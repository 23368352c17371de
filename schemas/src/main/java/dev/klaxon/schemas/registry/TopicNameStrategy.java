package dev.klaxon.schemas.registry;

/** Confluent's default subject naming: {@code <topic>-key} or {@code <topic>-value}. */
public final class TopicNameStrategy {

  private TopicNameStrategy() {}

  public static String subject(String topic, boolean isKey) {
    if (topic == null || topic.isEmpty()) {
      throw new IllegalArgumentException("a topic is needed to name the registry subject");
    }
    return topic + (isKey ? "-key" : "-value");
  }
}
