// Draws the replay report from the embedded JSON (ReplayReport). No network, no other library than uPlot.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var WIDTH = Math.min(1230, document.body.clientWidth - 48);
  var AXIS = 70;                       // same y-axis width everywhere, so every plot shares one x position
  var SYNC = uPlot.sync("replay");     // the cursor moves on every chart at once
  var COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"];
  var WARN = "#e08a00", CRIT = "#d0312d";
  var xMin = data.meta.from / 1000, xMax = data.meta.to / 1000;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function iso(ms) { return new Date(ms).toISOString().replace(".000Z", "Z").replace("T", " "); }
  function hhmm(ms) { return new Date(ms).toISOString().substr(11, 5); }
  function fmt(n, digits) { return n === null || n === undefined ? "" : Number(n).toLocaleString("en-US", {maximumFractionDigits: digits === undefined ? 1 : digits}); }
  function secs(list) { return list.map(function (t) { return t / 1000; }); }
  // Every time in the report is UTC, whatever the reader's zone.
  function utc(ts) { return uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"); }
  function timeTicks(u, splits, axisIdx, space, incr) {
    return splits.map(function (s) { return new Date(s * 1000).toISOString().substr(11, incr < 60 ? 8 : 5); });
  }
  function xAxis() { return {label: "time (UTC)", labelSize: 20, values: timeTicks}; }

  // Header
  document.title = "Klaxon replay " + iso(data.meta.from) + " to " + iso(data.meta.to);
  document.getElementById("range").textContent = iso(data.meta.from) + "  to  " + iso(data.meta.to) + "   ·   services: "
    + (data.meta.services.length ? data.meta.services.join(", ") : "none") + "   ·   rules: " + data.meta.rules
    + "   ·   routing: " + data.meta.routing;
  document.getElementById("window").textContent = (data.meta.windowMs / 1000) + " s";
  var s = data.summary, cards = document.getElementById("cards");
  [["events replayed", fmt(s.eventsReplayed, 0)], ["request windows", fmt(s.requestWindows, 0)],
   ["alerts fired", fmt(s.alertsFired, 0)], ["alerts resolved", fmt(s.alertsResolved, 0)],
   ["pending, never fired", fmt(s.pendingNotFired, 0)],
   ["notifications", fmt(s.notifications, 0)], ["replay took", fmt(s.seconds, 1) + " s"]].forEach(function (c) {
    var card = el("div", {"class": "card"}); card.appendChild(el("b", {}, c[1])); card.appendChild(el("span", {"class": "muted"}, c[0]));
    cards.appendChild(card);
  });
  document.getElementById("footer").textContent = "Replay " + data.meta.runId + ", generated " + iso(data.meta.generatedAt)
    + ". Data: the JSON in this file (script#report-data), the same as klaxon replay --format json.";

  // Rule thresholds drawn as dashed horizontal lines on a chart; scale multiplies (error rate: fraction → %).
  function thresholdPlugin(lines) {
    return {hooks: {draw: [function (u) {
      var ctx = u.ctx;
      lines.forEach(function (l) {
        var y = u.valToPos(l.value, "y", true);
        if (y < u.bbox.top || y > u.bbox.top + u.bbox.height) { return; }
        ctx.save(); ctx.strokeStyle = l.color; ctx.setLineDash([6, 4]); ctx.lineWidth = 1.5 * devicePixelRatio;
        ctx.beginPath(); ctx.moveTo(u.bbox.left, y); ctx.lineTo(u.bbox.left + u.bbox.width, y); ctx.stroke();
        // uPlot leaves the alignment of its last axis label on the context: set ours.
        ctx.fillStyle = l.color; ctx.font = (11 * devicePixelRatio) + "px sans-serif";
        ctx.textAlign = "right"; ctx.textBaseline = "bottom";
        ctx.fillText(l.label, u.bbox.left + u.bbox.width - 4 * devicePixelRatio, y - 2 * devicePixelRatio); ctx.restore();
      });
    }]}};
  }
  // The thresholds of the rules that watch a series: whole-service rules on route "*", per-route rules on a
  // route; a "where" label the series lacks (or has another value of) means the rule does not watch it.
  function thresholdsFor(metrics, labels, scale) {
    var out = [];
    data.thresholds.forEach(function (t) {
      if (metrics.indexOf(t.metric) < 0) { return; }
      var byRoute = t.by.indexOf("route") >= 0;
      if (labels.route !== undefined && byRoute !== (labels.route !== "*")) { return; }
      var watched = Object.keys(t.where).every(function (k) {
        return labels[k] === undefined ? !(k in {service: 1, route: 1, environment: 1}) : t.where[k].indexOf(labels[k]) >= 0;
      });
      if (!watched) { return; }
      if (t.warning !== null) { out.push({value: t.warning * scale, color: WARN, label: t.rule + " warning " + fmt(t.warning * scale, 2)}); }
      if (t.critical !== null) { out.push({value: t.critical * scale, color: CRIT, label: t.rule + " critical " + fmt(t.critical * scale, 2)}); }
    });
    return out;
  }
  // The data decides the scale; the lowest threshold is always in view (how far from alerting),
  // higher ones only when the data reaches them, so a quiet series is not flattened by a far line.
  function maxOf(arrays, lines) {
    var m = 0, lowest = null;
    arrays.forEach(function (a) { a.forEach(function (v) { if (v !== null && v > m) { m = v; } }); });
    lines.forEach(function (l) { if (lowest === null || l.value < lowest) { lowest = l.value; } });
    m = m * 1.15;
    if (lowest !== null && lowest * 1.1 > m) { m = lowest * 1.1; }
    return m > 0 ? m : 1;
  }

  var charts = {};
  function chart(id, title, yLabel, series, columns, lines, opts) {
    opts = opts || {};
    var target = document.getElementById(id);
    if (charts[id]) { charts[id].destroy(); }
    target.innerHTML = "";
    if (!columns[0] || columns[0].length === 0) {
      target.appendChild(el("p", {"class": "empty"}, title + ": no data in the range."));
      charts[id] = null;
      return;
    }
    var yMax = maxOf(columns.slice(1), lines);
    charts[id] = new uPlot({
      title: title, width: WIDTH, height: opts.height || 230, tzDate: utc,
      cursor: {sync: {key: SYNC.key}},
      scales: {x: {time: true, min: xMin, max: xMax}, y: {range: [0, yMax]}},
      axes: [xAxis(),
             {label: yLabel, size: AXIS, labelSize: 20}],
      series: [{label: "time", value: "{YYYY}-{MM}-{DD} {HH}:{mm}"}].concat(series),
      plugins: [thresholdPlugin(lines)]
    }, columns, target);
  }
  function line(label, color, unit, dash) {
    return {label: label, stroke: color, width: 2, dash: dash, points: {show: true, size: 4},
            value: function (u, v) { return v === null || v === undefined ? "-" : fmt(v, 2) + " " + unit; }};
  }

  // Latency, rate, errors per (service, route)
  var bySeries = {};
  function routeKey(r) { return r.route + (r.environment ? " [" + r.environment + "]" : ""); }
  data.requests.forEach(function (r) { (bySeries[r.service] = bySeries[r.service] || {})[routeKey(r)] = r; });
  var serviceSelect = document.getElementById("service"), routeSelect = document.getElementById("route");
  Object.keys(bySeries).sort().forEach(function (svc) { serviceSelect.appendChild(el("option", {value: svc}, svc)); });
  function fillRoutes() {
    routeSelect.innerHTML = "";
    var routes = Object.keys(bySeries[serviceSelect.value] || {}).sort();
    routes.forEach(function (r) { routeSelect.appendChild(el("option", {value: r}, r.indexOf("* ") === 0 || r === "*" ? r.replace("*", "* (whole service)") : r)); });
    var whole = routes.filter(function (r) { return r === "*" || r.indexOf("* [") === 0; });
    routeSelect.value = whole.length ? whole[0] : routes[0];
  }
  function drawRequests() {
    var r = (bySeries[serviceSelect.value] || {})[routeSelect.value];
    var t = r ? secs(r.t) : [];
    var svc = serviceSelect.value;
    var labels = {service: svc, route: r ? r.route : "*"};
    if (r && r.environment) { labels.environment = r.environment; }
    var title = svc + " " + routeSelect.value;
    chart("latency", "Latency: " + title, "latency (ms)",
      [line("p50", COLORS[2], "ms"), line("p95", COLORS[0], "ms"), line("p99", COLORS[3], "ms")],
      [t, r ? r.p50 : [], r ? r.p95 : [], r ? r.p99 : []], thresholdsFor(["requests.p50", "requests.p95", "requests.p99"], labels, 1));
    chart("rate", "Request rate: " + title, "requests / s", [line("rate", COLORS[0], "req/s")],
      [t, r ? r.ratePerSecond : []], [], {height: 180});
    chart("errorRate", "Error rate (5xx / requests): " + title, "error rate (%)", [line("5xx rate", CRIT, "%")],
      [t, r ? r.errorRatePercent : []], thresholdsFor(["requests.errorRate"], labels, 100), {height: 180});
    chart("errors", "5xx and 4xx per window: " + title, "responses / window",
      [line("5xx", CRIT, ""), line("4xx", WARN, "")], [t, r ? r.errors5xx : [], r ? r.errors4xx : []],
      thresholdsFor(["requests.errors5xx", "requests.errors4xx"], labels, 1), {height: 180});
  }
  serviceSelect.addEventListener("change", function () { fillRoutes(); drawRequests(); });
  routeSelect.addEventListener("change", drawRequests);
  // Open on the service of the worst window: where the post-mortem starts.
  if (data.worstWindows.length && bySeries[data.worstWindows[0].service]) { serviceSelect.value = data.worstWindows[0].service; }
  if (serviceSelect.options.length) { fillRoutes(); }
  drawRequests();

  // Several series on one x axis: union of their times, nulls where a series has no window.
  function aligned(list, valueOf) {
    var times = {};
    list.forEach(function (s) { s.t.forEach(function (t) { times[t] = true; }); });
    var xs = Object.keys(times).map(Number).sort(function (a, b) { return a - b; });
    var columns = [secs(xs)];
    list.forEach(function (s) {
      var at = {}; s.t.forEach(function (t, i) { at[t] = valueOf(s)[i]; });
      columns.push(xs.map(function (t) { return at[t] === undefined ? null : at[t]; }));
    });
    return columns;
  }

  // Error logs
  chart("logs", "Error and fatal log lines per window, by service", "log lines / window",
    data.errorLogs.map(function (s, i) { return line(s.service, COLORS[i % COLORS.length], "lines"); }),
    aligned(data.errorLogs, function (s) { return s.count; }), thresholdsFor(["logs.count"], {}, 1));

  // Tables
  function table(id, headers, rowsOf, empty) {
    var t = document.getElementById(id);
    var head = el("tr"); headers.forEach(function (h) { head.appendChild(el("th", {}, h)); }); t.appendChild(head);
    if (rowsOf.length === 0) {
      var tr = el("tr"), td = el("td", {colspan: String(headers.length), "class": "empty"}, empty); tr.appendChild(td); t.appendChild(tr);
      return;
    }
    rowsOf.forEach(function (cells) {
      var tr = el("tr");
      cells.forEach(function (c) { var td = el("td", c.cls ? {"class": c.cls} : {}, c.text); tr.appendChild(td); });
      t.appendChild(tr);
    });
  }
  function cell(text, cls) { return {text: text === undefined || text === null ? "" : String(text), cls: cls}; }

  // Alert timeline: one row per alert, spans painted on a plot sharing the charts' x axis. Pending is a pale,
  // hatched bar outlined in its severity's colour; firing a solid bar; each change a mark at its time.
  var OK = "#2e8540";
  var rows = data.alerts.map(function (a) {
    var what = a.labels.service ? a.labels.service + (a.labels.route ? " " + a.labels.route : "")
      : Object.keys(a.labels).sort().map(function (k) { return a.labels[k]; }).join(" ");
    return {label: a.rule + (what ? " · " + what : ""), spans: a.spans, changes: a.changes};
  });
  function hatch(ctx, color) {
    var c = document.createElement("canvas"), d = 8 * devicePixelRatio;
    c.width = d; c.height = d;
    var g = c.getContext("2d");
    g.strokeStyle = color; g.globalAlpha = 0.55; g.lineWidth = 1.5 * devicePixelRatio;
    g.beginPath(); g.moveTo(0, d); g.lineTo(d, 0); g.stroke();
    return ctx.createPattern(c, "repeat");
  }
  function mark(ctx, kind, x, y, h) {
    var r = h * 0.22;
    ctx.save(); ctx.lineWidth = 2 * devicePixelRatio;
    if (kind === "resolved") {
      ctx.strokeStyle = OK; ctx.beginPath(); ctx.moveTo(x, y + h * 0.1); ctx.lineTo(x, y + h * 0.9); ctx.stroke();
    } else if (kind === "escalated" || kind === "de-escalated") {
      var up = kind === "escalated", tip = up ? y + h * 0.5 - r : y + h * 0.5 + r, base = up ? y + h * 0.5 + r : y + h * 0.5 - r;
      ctx.fillStyle = "#1d232b"; ctx.beginPath(); ctx.moveTo(x, tip); ctx.lineTo(x - r, base); ctx.lineTo(x + r, base);
      ctx.closePath(); ctx.fill();
    } else {
      ctx.strokeStyle = "#1d232b"; ctx.beginPath(); ctx.moveTo(x, y + h * 0.1); ctx.lineTo(x, y + h * 0.9); ctx.stroke();
    }
    ctx.restore();
  }
  if (rows.length === 0) {
    document.getElementById("timeline").appendChild(el("p", {"class": "empty"}, "No alert was pending or firing in the range."));
  } else {
    new uPlot({
      title: "Alerts: pending (hatched), firing (solid), fired | escalated \u25b2 de-escalated \u25bc resolved (green |)",
      width: WIDTH, height: 90 + rows.length * 30, tzDate: utc,
      cursor: {sync: {key: SYNC.key}, y: false},
      scales: {x: {time: true, min: xMin, max: xMax}, y: {range: [0, rows.length]}},
      axes: [xAxis(), {size: AXIS, values: function () { return []; }, label: "", labelSize: 20}],
      legend: {show: false},
      series: [{}, {show: false}],
      plugins: [{hooks: {draw: [function (u) {
        var ctx = u.ctx, h = u.bbox.height / rows.length;
        rows.forEach(function (row, i) {
          var y = u.bbox.top + i * h;
          row.spans.forEach(function (sp) {
            var x0 = u.valToPos(sp.from / 1000, "x", true), x1 = u.valToPos(sp.to / 1000, "x", true);
            var color = sp.severity === "critical" ? CRIT : WARN, w = Math.max(2, x1 - x0);
            if (sp.state === "pending") {
              ctx.fillStyle = hatch(ctx, color);
              ctx.fillRect(x0, y + h * 0.25, w, h * 0.5);
              ctx.strokeStyle = color; ctx.lineWidth = 1.5 * devicePixelRatio; ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
              ctx.strokeRect(x0, y + h * 0.25, w, h * 0.5); ctx.setLineDash([]);
            } else {
              ctx.fillStyle = color; ctx.globalAlpha = 0.85;
              ctx.fillRect(x0, y + h * 0.15, w, h * 0.7);
              ctx.globalAlpha = 1;
            }
          });
          row.changes.forEach(function (c) { mark(ctx, c.kind, u.valToPos(c.at / 1000, "x", true), y, h); });
          ctx.font = (12 * devicePixelRatio) + "px sans-serif";
          ctx.textAlign = "left"; ctx.textBaseline = "middle";
          var w = ctx.measureText(row.label).width;
          ctx.fillStyle = "rgba(255,255,255,0.85)";
          ctx.fillRect(u.bbox.left + 2 * devicePixelRatio, y + h * 0.2, w + 4 * devicePixelRatio, h * 0.6);
          ctx.fillStyle = "#1d232b";
          ctx.fillText(row.label, u.bbox.left + 4 * devicePixelRatio, y + h * 0.5);
        });
      }]}}]
    }, [[xMin, xMax], [null, null]], document.getElementById("timeline"));
  }
  var spanRows = [];
  data.alerts.forEach(function (a) {
    a.spans.forEach(function (sp) { spanRows.push({a: a, sp: sp}); });
  });
  spanRows.sort(function (x, y) { return x.sp.from - y.sp.from; });
  table("alertSpans", ["from", "to", "alert", "state", "severity", "ended by"],
    spanRows.map(function (r) {
      var what = Object.keys(r.a.labels).sort().map(function (k) { return k + "=" + r.a.labels[k]; }).join(", ");
      return [cell(iso(r.sp.from)), cell(iso(r.sp.to)), cell(r.a.rule + (what ? " (" + what + ")" : "")),
        cell(r.sp.state, r.sp.state), cell(r.sp.severity, "sev-" + r.sp.severity), cell(r.sp.endedBy)];
    }), "No alert was pending or firing in the range.");

  table("notifications", ["time", "receiver", "integration", "status", "group", "alerts"],
    data.notifications.map(function (n) {
      return [cell(iso(n.at)), cell(n.receiver), cell(n.integration), cell(n.status.toUpperCase(), n.status),
        cell(Object.keys(n.groupLabels).sort().map(function (k) { return k + "=" + n.groupLabels[k]; }).join(", ")),
        cell(n.alerts.map(function (a) { return a.rule + " " + a.severity + " " + a.status + (a.summary ? ": " + a.summary : ""); }).join(" | "))];
    }), "The routing would have sent nothing.");

  var topSpend = data.spendTotals.slice(0, 8).map(function (t) { return t.userId + " @ " + t.provider; });
  var spendSeries = data.spend.filter(function (s) { return topSpend.indexOf(s.userId + " @ " + s.provider) >= 0; });
  chart("spend", "Spend per minute, top " + spendSeries.length + " users at each provider", "USD / minute",
    spendSeries.map(function (s, i) { return line(s.userId + " @ " + s.provider, COLORS[i % COLORS.length], "USD"); }),
    aligned(spendSeries, function (s) { return s.usd; }), []);
  table("spendTotals", ["user", "provider", "spend in the range (USD)", "cost events"],
    data.spendTotals.slice(0, 25).map(function (t) { return [cell(t.userId), cell(t.provider), cell(t.usd, "num"), cell(fmt(t.events, 0), "num")]; }),
    "No spend in the range.");

  table("worst", ["window start", "service", "route", "requests", "p95 ms", "p99 ms", "5xx", "error rate %", "why listed"],
    data.worstWindows.map(function (w) {
      return [cell(iso(w.start)), cell(w.service), cell(w.route), cell(fmt(w.count, 0), "num"), cell(fmt(w.p95, 1), "num"),
        cell(fmt(w.p99, 1), "num"), cell(fmt(w.errors5xx, 0), "num"), cell(fmt(w.errorRatePercent, 2), "num"), cell(w.reason)];
    }), "No window with enough requests.");
})();
