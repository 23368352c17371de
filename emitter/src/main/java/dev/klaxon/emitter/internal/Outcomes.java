package dev.klaxon.emitter.internal;

import dev.klaxon.emitter.DropReason;
import java.util.List;

/** Where a transport reports what became of the events it was given. Thread-safe. */
public interface Outcomes {

  void delivered(List<Pending> events);

  void dropped(List<Pending> events, DropReason reason);

  /** One more attempt to send something that failed before. */
  void retried();
}
