package dev.klaxon.sink.notify.slack;

import dev.klaxon.sink.notify.internal.ChatMessage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.sink.notify.internal.AlertFacts;
import dev.klaxon.sink.notify.internal.GroupView;
import dev.klaxon.sink.notify.internal.Json;
import dev.klaxon.sink.notify.internal.Severities;
import dev.klaxon.sink.notify.internal.Template;
import dev.klaxon.sink.notify.internal.Text;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Block Kit message: a colour bar by severity (an attachment, the only way Slack colours a
 * message), a header, the group's facts, one section per alert (what, where, value vs threshold,
 * since when, runbook) and "+N more" past {@code max_alerts}. Every text is cut to Slack's limits
 * (header 150, section 3,000, field 2,000, 50 blocks).
 */
final class SlackMessage implements ChatMessage {

  static final int HEADER_MAX = 150;
  static final int SECTION_MAX = 3000;
  static final int FIELD_MAX = 2000;
  static final int FALLBACK_TEXT_MAX = 3000;

  private final Optional<Template> title;
  private final int maxAlerts;

  SlackMessage(Optional<Template> title, int maxAlerts) {
    this.title = title;
    this.maxAlerts = maxAlerts;
  }

  @Override
  public ObjectNode render(GroupView view) {
    String heading = title.map(t -> t.render(view.templateVariables())).orElseGet(view::defaultTitle);
    ArrayNode blocks = Json.array();
    blocks.add(header(heading));
    blocks.add(groupFacts(view));
    List<Alert> alerts = view.ordered();
    alerts.stream().limit(maxAlerts).forEach(alert -> blocks.add(section(alertText(alert))));
    if (alerts.size() > maxAlerts) {
      blocks.add(context(Text.more(alerts.size() - maxAlerts, "alert") + " in this group"));
    }
    blocks.add(context("Klaxon · receiver " + code(view.group().receiver()) + " · group " + code(Text.truncate(view.group().groupKey(), 200))));

    ObjectNode attachment = Json.object();
    attachment.put("color", view.style().hex());
    attachment.set("blocks", blocks);
    ObjectNode message = Json.object();
    message.put("text", Text.truncate(heading, FALLBACK_TEXT_MAX)); // what notifications and screen readers show
    message.set("attachments", Json.array().add(attachment));
    return message;
  }

  @Override
  public ObjectNode plain(GroupView view) {
    ObjectNode message = Json.object();
    message.put("text", Text.truncate(escape(view.plainText()), FALLBACK_TEXT_MAX));
    return message;
  }

  private static ObjectNode groupFacts(GroupView view) {
    List<String> fields = new ArrayList<>();
    fields.add("*Severity*\n" + view.style().emoji() + " " + view.style().label());
    int firing = view.group().firing().size();
    int resolved = view.group().resolved().size();
    fields.add("*Alerts*\n" + firing + " firing" + (resolved > 0 ? ", " + resolved + " resolved" : ""));
    Map<String, String> common = view.commonLabels();
    Optional.ofNullable(common.get("service")).ifPresent(s -> fields.add("*Service*\n" + escape(s)));
    Optional.ofNullable(common.get("route")).ifPresent(r -> fields.add("*Route*\n" + escape(r)));
    ArrayNode nodes = Json.array();
    fields.forEach(f -> nodes.add(mrkdwn(Text.truncate(f, FIELD_MAX))));
    ObjectNode section = Json.object();
    section.put("type", "section");
    section.set("fields", nodes);
    return section;
  }

  private static String alertText(Alert alert) {
    boolean firing = alert.getStatus() == AlertStatus.firing;
    Severities style = firing ? Severities.of(alert.getSeverity()) : Severities.RESOLVED;
    StringBuilder text = new StringBuilder();
    text.append(style.emoji()).append(" *").append(escape(alert.getRule())).append('*');
    AlertFacts.service(alert).ifPresent(s -> text.append(" · ").append(code(s)));
    AlertFacts.route(alert).ifPresent(r -> text.append(" · ").append(code(r)));
    text.append('\n').append(escape(AlertFacts.summary(alert)));
    if (firing) {
      text.append("\n*Value* ").append(escape(AlertFacts.valueVsThreshold(alert)))
          .append(" · firing since ").append(date(AlertFacts.startsAt(alert)));
    } else {
      text.append("\n*Resolved* ").append(AlertFacts.endsAt(alert).map(SlackMessage::date).orElse("now"))
          .append(" · was ").append(escape(AlertFacts.valueVsThreshold(alert)));
    }
    AlertFacts.runbook(alert).ifPresent(url -> text.append("\n<").append(url.replace("|", "%7C").replace(">", "%3E")).append("|📖 Runbook>"));
    // the description (what to do) goes last so that cutting to the limit loses the least
    AlertFacts.description(alert).ifPresent(d -> text.append('\n').append(escape(d)));
    return Text.truncate(text.toString(), SECTION_MAX);
  }

  /** Slack renders the date in each reader's time zone; the text after | is for clients that cannot. */
  private static String date(Instant at) {
    return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + at + ">";
  }

  private static ObjectNode header(String text) {
    ObjectNode plain = Json.object().put("type", "plain_text").put("text", Text.truncate(text, HEADER_MAX)).put("emoji", true);
    ObjectNode block = Json.object().put("type", "header");
    block.set("text", plain);
    return block;
  }

  private static ObjectNode section(String mrkdwnText) {
    ObjectNode block = Json.object().put("type", "section");
    block.set("text", mrkdwn(mrkdwnText));
    return block;
  }

  private static ObjectNode context(String mrkdwnText) {
    ObjectNode block = Json.object().put("type", "context");
    block.set("elements", Json.array().add(mrkdwn(Text.truncate(mrkdwnText, SECTION_MAX))));
    return block;
  }

  private static ObjectNode mrkdwn(String text) {
    return Json.object().put("type", "mrkdwn").put("text", text);
  }

  private static String code(String text) {
    return "`" + escape(text).replace("`", "'") + "`";
  }

  /** Slack's three control characters in mrkdwn; alert text must not become links or mentions. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
