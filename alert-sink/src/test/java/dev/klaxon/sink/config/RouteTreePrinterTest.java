package dev.klaxon.sink.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteTreePrinterTest {

  @Test
  void printsTheDefaultTreeWithWhatEachRouteChanges() {
    assertThat(RouteTreePrinter.print(SinkConfig.defaults().route())).isEqualTo("""
        route → slack  group_by=[alertname, service, user] group_wait=30s group_interval=5m repeat_interval=4h
        ├─ {severity="critical"} → pagerduty  continue group_wait=10s repeat_interval=1h
        ├─ {severity=~"critical|warning"} → slack
        └─ {severity="info"} → daily-digest  group_by=[] group_wait=1d group_interval=1d repeat_interval=1d
        """);
  }
}
