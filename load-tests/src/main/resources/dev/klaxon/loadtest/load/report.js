// Draws the load report from the embedded JSON (LoadReport). No network, no other library than uPlot.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var WIDTH = Math.min(1230, document.body.clientWidth - 48);

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function fmt(n, digits) {
    return n === null || n === undefined ? "none" : Number(n).toLocaleString("en-US", {maximumFractionDigits: digits === undefined ? 1 : digits});
  }
  function pct(x, digits) { return fmt(x * 100, digits === undefined ? 2 : digits) + " %"; }
  function iso(ms) { return new Date(ms).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z"); }
  function labels(map) { return Object.keys(map || {}).sort().map(function (k) { return k + "=" + map[k]; }).join(", "); }

  // A table from a header row and rows of cells; a cell {v, num} is right-aligned.
  function table(id, header, rows, emptyText) {
    var t = document.getElementById(id), tr = el("tr");
    header.forEach(function (h) { tr.appendChild(el("th", {}, h)); });
    t.appendChild(tr);
    if (!rows.length) {
      var row = el("tr"); row.appendChild(el("td", {"class": "empty", colspan: String(header.length)}, emptyText || "none"));
      t.appendChild(row);
    }
    rows.forEach(function (cells) {
      var r = el("tr");
      cells.forEach(function (c) {
        r.appendChild(typeof c === "object" && c !== null ? el("td", {"class": "num"}, c.v) : el("td", {}, c));
      });
      t.appendChild(r);
    });
  }
  function num(v) { return {v: v}; }

  var q = data.quality, t = data.traffic, m = data.machine;
  document.title = "Klaxon load test, profile " + data.profile + ", " + iso(data.startedAtMs);
  document.getElementById("meta").textContent = "profile " + data.profile + " · started " + iso(data.startedAtMs)
    + " · " + m.cores + " cores, " + fmt(m.maxHeapMb, 0) + " MB max heap · load average before " + m.loadBefore
    + ", after " + m.loadAfter + " · " + m.broker + " broker · " + t.window + " windows";
  var cards = document.getElementById("cards");
  [["recall", q.incidentsDetected + " / " + q.incidentsExpected, q.recall === 1],
   ["false alerts", String(q.falseAlerts.length), q.falseAlerts.length === 0],
   ["flaps", String(q.flaps.length), q.flaps.length === 0],
   ["requests sent", fmt(t.requests, 0), null], ["requests/s", fmt(t.requestsPerSecond, 0), null]]
    .forEach(function (c) {
      var card = el("div", {"class": "card" + (c[2] === true ? " good" : c[2] === false ? " bad" : "")});
      card.appendChild(el("b", {}, c[1])); card.appendChild(el("span", {"class": "muted"}, c[0]));
      cards.appendChild(card);
    });

  // Traffic
  if (data.sent.length) {
    new uPlot({width: WIDTH, height: 220, title: "requests sent per second",
      series: [{}, {label: "requests/s", stroke: "#1f77b4", width: 1.5}],
      axes: [{values: function (u, splits) { return splits.map(function (s) { return new Date(s * 1000).toISOString().substr(11, 8); }); }}, {}]},
      [data.sent.map(function (s) { return s.second; }), data.sent.map(function (s) { return s.requests; })],
      document.getElementById("sent"));
  }
  table("incidents", ["incident", "kind", "service / user", "route", "at", "duration"], t.incidents.map(function (i) {
    return [i.name, i.kind, i.service || i.user, i.route || "", i.at, i.duration || "to the end"];
  }));

  // Detection and quality
  table("detection", ["incident", "kind", "expected", "breach s", "alert s", "webhook s", "breach → alert s",
      "breach → webhook s", "rules that fired"], q.detections.map(function (d) {
    return [d.incident, d.kind, d.expectsAlert ? "alert" : "no alert", num(fmt(d.breachSeconds, 2)),
      num(fmt(d.alertSeconds, 2)), num(fmt(d.webhookSeconds, 2)), num(fmt(d.breachToAlertSeconds, 2)),
      num(fmt(d.breachToWebhookSeconds, 2)), d.rules.join(", ")];
  }));
  var target = data.detectionTarget;
  document.getElementById("detectionTarget").textContent = target.maxBreachToAlertSeconds === null
    ? "Detection target (≤ " + target.targetSeconds + " s from the breach): not measured."
    : "Detection target (≤ " + target.targetSeconds + " s from the breach to the alert written, silences aside): max "
      + fmt(target.maxBreachToAlertSeconds, 2) + " s (" + target.worstIncident + ") over " + target.measured + " of "
      + target.detected + " detected incidents: " + (target.met ? "met" : "not met") + ".";
  table("falseAlerts", ["time", "rule", "severity", "labels", "why"], q.falseAlerts.map(function (f) {
    return [iso(f.arrivedAtMs), f.rule, f.severity, labels(f.labels), f.why];
  }));
  table("flaps", ["rule", "labels", "resolved", "fired again"], q.flaps.map(function (f) {
    return [f.rule, labels(f.labels), iso(f.resolvedAtMs), iso(f.firedAgainAtMs)];
  }));
  table("transitions", ["arrived", "rule", "severity", "status", "labels"], data.transitions.map(function (x) {
    return [iso(x.arrivedAtMs), x.rule, x.severity, x.status, labels(x.labels)];
  }));

  table("notifications", ["arrived", "receiver", "alert", "status", "labels"], data.notifications.map(function (n) {
    return [iso(n.arrivedAtMs), n.receiver, n.alertname, n.status, labels(n.labels)];
  }));

  // Accuracy
  var a = data.accuracy;
  table("accuracy", ["quantile", "windows", "Klaxon max error", "Klaxon mean error", "Prometheus buckets max error", "Prometheus mean error"],
    a.summaries.map(function (s) {
      return ["p" + Math.round(s.q * 100), num(s.windows), num(pct(s.klaxonMaxError, 3)), num(pct(s.klaxonMeanError, 3)),
        num(pct(s.bucketsMaxError, 1)), num(pct(s.bucketsMeanError, 1))];
    }));
  [[0.95, "accuracyP95"], [0.99, "accuracyP99"]].forEach(function (c) {
    var points = a.points.filter(function (p) { return p.q === c[0]; });
    if (!points.length) { return; }
    new uPlot({width: WIDTH, height: 220, title: "p" + Math.round(c[0] * 100) + " relative error per window (%), windows in order",
      scales: {x: {time: false}},
      series: [{label: "window"},
        {label: "Klaxon", stroke: "#2ca02c", width: 1.5, points: {show: true}},
        {label: "Prometheus buckets", stroke: "#d62728", width: 1.5, points: {show: true}}],
      axes: [{}, {values: function (u, splits) { return splits.map(function (s) { return s.toFixed(1) + "%"; }); }}]},
      [points.map(function (p, i) { return i + 1; }),
       points.map(function (p) { return (p.klaxon - p.exact) / p.exact * 100; }),
       points.map(function (p) { return (p.buckets - p.exact) / p.exact * 100; })],
      document.getElementById(c[1]));
  });

  // Lag
  var lag = data.lag;
  table("lag", ["ms", "count", "p50", "p95", "p99", "max"], [
    ["newest event → open window written", lag.openWindow], ["window end → closed window written (grace " + lag.graceMs + " ms included)", lag.closedWindow],
    ["incident's first event → alert written", lag.alert]].map(function (r) {
      var p = r[1];
      return [r[0], num(fmt(p.count, 0)), num(fmt(p.p50, 0)), num(fmt(p.p95, 0)), num(fmt(p.p99, 0)), num(fmt(p.max, 0))];
    }));

  // Throughput
  var tp = data.throughput;
  table("throughput", ["measurement", "events/s"], tp ? [
    ["ingest gateway, HTTP JSON batches of 100 → Kafka (" + fmt(tp.gatewayEvents, 0) + " events; request p99 " + fmt(tp.gatewayP99Ms, 1) + " ms)", num(fmt(tp.gateway, 0))],
    ["direct producer, Avro, idempotent, acks=all (same events)", num(fmt(tp.directProducer, 0))],
    ["Klaxon processor, exactly-once (" + fmt(tp.processorEvents, 0) + " events, start-up included)", num(fmt(tp.processor, 0))],
    ["Klaxon processor, after its start-up (first commit to last)", num(fmt(tp.processorSteady, 0))],
    ["plain consumer of the same topic, bytes only", num(fmt(tp.plainConsumer, 0))],
    ["plain consumer, Avro + histograms (hand-written job)", num(fmt(tp.handWrittenConsumer, 0))],
    ["processor after start-up / hand-written job", num(fmt(tp.processorSteady / tp.handWrittenConsumer, 2))],
    ["processor / plain consumer", num(fmt(tp.processor / tp.plainConsumer, 2))]] : [],
    data.notes.length ? data.notes.join("; ") : "not measured by this profile: see load-tests/RESULTS.md");

  // Memory
  document.getElementById("memorySource").textContent = data.memory.source;
  table("memory", ["series", "events per route", "retained heap", "per series"], data.memory.rows.map(function (r) {
    return [num(fmt(r.series, 0)), num(r.eventsPerRoute), num(fmt(r.retainedBytes / 1e6, 1) + " MB"), num(fmt(r.retainedBytes / r.series, 0) + " B")];
  }));
  document.getElementById("footer").textContent = "Written by klaxon bench load. All times UTC.";
})();
