package dev.klaxon.replay;

import dev.klaxon.replay.copy.EndMarkers;
import dev.klaxon.replay.run.TopicReader;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.LogWindow;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.SpendWindow;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerdes;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * The replay's results, read back from its topics and kept to the range: windows wholly inside it
 * (the windows around it hold only part of their events), of the selected services, without the end
 * markers' own series; transitions whose event time falls in the range.
 */
final class ReplayOutputs {

  private final TopicReader reader;
  private final Topics replay;
  private final AvroSerdes serdes;
  private final ReplayRequest request;

  ReplayOutputs(Consumer<byte[], byte[]> consumer, Topics replay, AvroSerdes serdes, ReplayRequest request) {
    this.reader = new TopicReader(consumer);
    this.replay = replay;
    this.serdes = serdes;
    this.request = request;
  }

  List<RequestWindow> requestWindows() {
    var decoder = serdes.forValues(RequestWindow.class);
    return reader.readAll(replay.requestMetrics(), (record, bytes) -> decoder.decode(record.topic(), bytes)).stream()
        .filter(w -> inRange(w.getService(), w.getWindowStart(), w.getWindowEnd()))
        .sorted(Comparator.comparingLong(RequestWindow::getWindowStart).thenComparing(RequestWindow::getService)
            .thenComparing(RequestWindow::getRoute))
        .toList();
  }

  List<LogWindow> logWindows() {
    var decoder = serdes.forValues(LogWindow.class);
    return reader.readAll(replay.logMetrics(), (record, bytes) -> decoder.decode(record.topic(), bytes)).stream()
        .filter(w -> inRange(w.getService(), w.getWindowStart(), w.getWindowEnd()))
        .sorted(Comparator.comparingLong(LogWindow::getWindowStart).thenComparing(LogWindow::getService)
            .thenComparing(w -> w.getLevel().name()))
        .toList();
  }

  /** Spend is filtered by service at the copy (cost events carry it); here only the range and the markers. */
  List<SpendWindow> spendWindows() {
    var decoder = serdes.forValues(SpendWindow.class);
    return reader.readAll(replay.spendMetrics(), (record, bytes) -> decoder.decode(record.topic(), bytes)).stream()
        .filter(w -> !EndMarkers.isMarker(w.getUserId()) && !EndMarkers.isMarker(w.getProvider())
            && !EndMarkers.isMarker(w.getService()))
        .filter(w -> request.range().holds(w.getWindowStart(), w.getWindowEnd()))
        .sorted(Comparator.comparingLong(SpendWindow::getWindowStart).thenComparing(SpendWindow::getGranularity)
            .thenComparing(SpendWindow::getUserId).thenComparing(SpendWindow::getProvider))
        .toList();
  }

  /**
   * Transitions in event time. A closed window's record is stamped with its start, so a firing or
   * escalation happened at start + window; a resolution carries its own {@code endsAt}.
   */
  List<AlertTransition> transitions() {
    var decoder = serdes.forValues(Alert.class);
    long window = request.range().window().toMillis();
    long start = request.range().start().toEpochMilli();
    long end = request.range().end().toEpochMilli();
    return reader.readAll(replay.alerts(), (record, bytes) -> {
          Alert alert = decoder.decode(record.topic(), bytes);
          long at = alert.getStatus() == AlertStatus.resolved && alert.getEndsAt() != null ? alert.getEndsAt()
              : record.timestamp() + window;
          return new AlertTransition(at, alert);
        }).stream()
        .filter(t -> t.at() > start && t.at() <= end)
        .filter(t -> request.selects(t.alert().getLabels().getOrDefault("service", "")))
        .sorted(Comparator.comparingLong(AlertTransition::at).thenComparing(t -> t.alert().getFingerprint()))
        .toList();
  }

  private boolean inRange(String service, long windowStart, long windowEnd) {
    return !EndMarkers.SERVICE.equals(service) && request.selects(service)
        && request.range().holds(windowStart, windowEnd);
  }
}
