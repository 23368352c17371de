package dev.klaxon.sink.notify.log;

import dev.klaxon.runtime.logging.LogContext;
import dev.klaxon.schemas.Alert;
import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.notify.Notifier;
import dev.klaxon.sink.notify.internal.AlertFacts;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Writes one notification as log lines: the group's headline, then one line per alert. */
final class LogNotifier implements Notifier {

  private static final Logger log = LoggerFactory.getLogger(LogNotifier.class);

  private final boolean sendResolved;

  LogNotifier(boolean sendResolved) {
    this.sendResolved = sendResolved;
  }

  @Override
  public String type() {
    return "log";
  }

  @Override
  public void notify(AlertGroup group) {
    if (group.isResolved() && !sendResolved) {
      return;
    }
    String service = group.groupLabels().get("service");
    if (service != null) {
      MDC.put(LogContext.SERVICE, service);
    }
    try {
      log.info("{} {}: {}", group.receiver(), headline(group), group.groupLabels().entrySet().stream()
          .map(label -> label.getKey() + "=" + label.getValue()).collect(Collectors.joining(", ")));
      for (Alert alert : group.alerts()) {
        log.info("  [{}] {} {}: {} (value {}, threshold {})", alert.getStatus(), alert.getSeverity(), alert.getRule(),
            AlertFacts.summary(alert), alert.getValue(), alert.getThreshold());
      }
    } finally {
      MDC.remove(LogContext.SERVICE);
    }
  }

  /** As Alertmanager titles a group: {@code [FIRING:2]}, or {@code [RESOLVED]}. */
  private static String headline(AlertGroup group) {
    return group.isResolved() ? "[RESOLVED]" : "[FIRING:" + group.firing().size() + "]";
  }
}
