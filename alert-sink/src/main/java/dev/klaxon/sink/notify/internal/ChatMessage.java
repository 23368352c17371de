package dev.klaxon.sink.notify.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** How one chat provider (Slack, Discord) lays out a group: the rich message, and the plain fallback. */
public interface ChatMessage {

  ObjectNode render(GroupView view);

  /** Built-in text without templates, sent when {@link #render} fails. */
  ObjectNode plain(GroupView view);
}
