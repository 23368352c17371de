package dev.klaxon.loadtest.load;

import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.RequestEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * Applies a profile's request incidents to the steady traffic's events as they are sent (a latency
 * spike redraws a route's durations, an error burst turns requests into 500s, a silence drops them, a
 * drift stretches a route's durations more and more), and notes each incident's first affected event:
 * detection is timed from it. The cost runaway is drawn by the generator itself; its first event is the
 * runaway user's first cost event from its start on. Not thread-safe: the sending thread's.
 */
public final class IncidentInjector {

  private final List<Scheduled> scheduled;
  private final Map<String, Long> firstEventMs = new LinkedHashMap<>();
  private final SplittableRandom random;

  /** An incident placed in time: epoch ms from and until (exclusive; Long.MAX_VALUE for a runaway). */
  private record Scheduled(LoadProfile.Incident incident, long fromMs, long untilMs, double driftFactor) {
    boolean activeAt(long ms) {
      return ms >= fromMs && ms < untilMs;
    }
  }

  /** @param trafficStartMs epoch ms the traffic starts at; incidents' {@code at} counts from it */
  public IncidentInjector(LoadProfile profile, long trafficStartMs, long seed) {
    this.random = new SplittableRandom(seed);
    this.scheduled = profile.incidents().stream().map(i -> {
      long from = trafficStartMs + i.at().toMillis();
      long until = i.duration() == null ? Long.MAX_VALUE : from + i.duration().toMillis();
      double factor = i.kind() == IncidentKind.drift
          ? i.p95Ms() / profile.route(i.service(), i.route()).orElseThrow().p95Ms() : 1;
      return new Scheduled(i, from, until, factor);
    }).toList();
  }

  /**
   * Changes {@code event} as the incidents active at its time say.
   *
   * @return false when the event is not to be sent (its service is silent)
   */
  public boolean apply(RequestEvent event) {
    long ms = event.getTimestamp();
    String service = event.getService().toString();
    String route = event.getRoute().toString();
    boolean keep = true;
    for (Scheduled s : scheduled) {
      LoadProfile.Incident i = s.incident();
      if (!s.activeAt(ms) || i.service() == null || !i.service().equals(service)
          || i.route() != null && !i.route().equals(route)) {
        continue;
      }
      switch (i.kind()) {
        case latencySpike -> event.setDurationMs(micros(Math.exp(Math.log(i.medianMs())
            + sigma(i.medianMs(), i.p95Ms()) * random.nextGaussian())));
        case errorBurst -> {
          if (event.getStatus() < 500 && random.nextDouble() < i.serverErrorShare()) {
            event.setStatus(500);
          }
        }
        case silence -> keep = false;
        case drift -> {
          double progress = (ms - s.fromMs()) / (double) (s.untilMs() - s.fromMs());
          event.setDurationMs(micros(event.getDurationMs() * (1 + (s.driftFactor() - 1) * progress)));
        }
        case costRunaway -> { }
      }
      firstEventMs.putIfAbsent(i.name(), ms);
    }
    return keep;
  }

  /** Notes the runaway's first event; cost events are otherwise sent as generated. */
  public boolean apply(CostEvent event) {
    boolean keep = true;
    for (Scheduled s : scheduled) {
      LoadProfile.Incident i = s.incident();
      if (i.kind() == IncidentKind.costRunaway && s.activeAt(event.getTimestamp())
          && i.user().equals(event.getUserId().toString())) {
        firstEventMs.putIfAbsent(i.name(), event.getTimestamp());
      }
      if (i.kind() == IncidentKind.silence && s.activeAt(event.getTimestamp())
          && i.service().equals(event.getService().toString())) {
        keep = false;
      }
    }
    return keep;
  }

  /** Event time of the incident's first affected event, if it has had one. */
  public OptionalLong firstEventMs(String incident) {
    Long ms = firstEventMs.get(incident);
    return ms == null ? OptionalLong.empty() : OptionalLong.of(ms);
  }

  /** When the incident is scheduled to start and end (epoch ms; end Long.MAX_VALUE for a runaway). */
  public long[] span(String incident) {
    Scheduled s = scheduled.stream().filter(x -> x.incident().name().equals(incident)).findFirst().orElseThrow();
    return new long[] {s.fromMs(), s.untilMs()};
  }

  private static double sigma(double medianMs, double p95Ms) {
    return dev.klaxon.traffic.LatencyModel.ofMedianAndP95(medianMs, p95Ms).sigma();
  }

  /** Microsecond resolution, as the generator's durations. */
  private static double micros(double ms) {
    return Math.round(ms * 1000) / 1000.0;
  }
}
