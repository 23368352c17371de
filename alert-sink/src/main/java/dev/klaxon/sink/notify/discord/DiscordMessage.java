package dev.klaxon.sink.notify.discord;

import dev.klaxon.sink.notify.internal.ChatMessage;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.Optional;

/**
 * The webhook message: a content line (what phone notifications show) and one embed per alert,
 * coloured by severity, with value, threshold, service, route, since when and runbook. Fits
 * Discord's limits — content 2,000, 10 embeds, title 256, description 4,096, 25 fields, field name
 * 256 / value 1,024, 6,000 characters over all embeds — by cutting text and turning the alerts
 * that do not fit into a last "+N more" embed.
 */
final class DiscordMessage implements ChatMessage {

  static final int CONTENT_MAX = 2000;
  static final int EMBEDS_MAX = 10;
  static final int TITLE_MAX = 256;
  static final int DESCRIPTION_MAX = 4096;
  static final int FIELD_VALUE_MAX = 1024;
  static final int TOTAL_MAX = 6000;
  static final int MORE_EMBED_RESERVE = 100; // room always kept for the "+N more" embed

  private final Optional<Template> title;
  private final int maxEmbeds;

  DiscordMessage(Optional<Template> title, int maxEmbeds) {
    this.title = title;
    this.maxEmbeds = maxEmbeds;
  }

  @Override
  public ObjectNode render(GroupView view) {
    String heading = title.map(t -> t.render(view.templateVariables())).orElseGet(view::defaultTitle);
    List<Alert> alerts = view.ordered();
    ArrayNode embeds = Json.array();
    int used = 0;
    int shown = 0;
    for (Alert alert : alerts) {
      boolean last = shown == alerts.size() - 1;
      int slotsLeft = maxEmbeds - embeds.size();
      if (slotsLeft == 0 || (slotsLeft == 1 && !last)) {
        break; // the last slot is the "+N more" embed
      }
      int budget = TOTAL_MAX - used - (last ? 0 : MORE_EMBED_RESERVE);
      Optional<ObjectNode> embed = fit(embed(alert), budget);
      if (embed.isEmpty()) {
        break;
      }
      embeds.add(embed.get());
      used += length(embed.get());
      shown++;
    }
    if (shown < alerts.size()) {
      embeds.add(moreEmbed(alerts.size() - shown, view));
    }
    ObjectNode message = Json.object();
    message.put("content", Text.truncate(heading, CONTENT_MAX));
    message.set("embeds", embeds);
    message.set("allowed_mentions", Json.object().set("parse", Json.array())); // alert text must never ping @everyone
    return message;
  }

  @Override
  public ObjectNode plain(GroupView view) {
    ObjectNode message = Json.object();
    message.put("content", Text.truncate(view.plainText(), CONTENT_MAX));
    message.set("allowed_mentions", Json.object().set("parse", Json.array()));
    return message;
  }

  private static ObjectNode embed(Alert alert) {
    boolean firing = alert.getStatus() == AlertStatus.firing;
    Severities style = firing ? Severities.of(alert.getSeverity()) : Severities.RESOLVED;
    ObjectNode embed = Json.object();
    embed.put("title", Text.truncate(style.emoji() + " " + style.label() + " · " + alert.getRule(), TITLE_MAX));
    String description = AlertFacts.summary(alert) + AlertFacts.description(alert).map(d -> "\n\n" + d).orElse("");
    embed.put("description", Text.truncate(description, DESCRIPTION_MAX));
    AlertFacts.runbook(alert).ifPresent(url -> embed.put("url", url));
    embed.put("color", style.rgb());
    ArrayNode fields = Json.array();
    fields.add(field("Value", AlertFacts.value(alert)));
    fields.add(field("Threshold", AlertFacts.threshold(alert)));
    AlertFacts.service(alert).ifPresent(s -> fields.add(field("Service", s)));
    AlertFacts.route(alert).ifPresent(r -> fields.add(field("Route", r)));
    if (firing) {
      fields.add(field("Firing since", relative(AlertFacts.startsAt(alert))));
    } else {
      fields.add(field("Resolved", AlertFacts.endsAt(alert).map(DiscordMessage::relative).orElse("now")));
    }
    AlertFacts.runbook(alert).ifPresent(url -> fields.add(field("Runbook", "[Open the runbook](" + url + ")")));
    embed.set("fields", fields);
    embed.put("timestamp", (firing ? AlertFacts.startsAt(alert) : AlertFacts.endsAt(alert).orElse(AlertFacts.startsAt(alert))).toString());
    return embed;
  }

  private static ObjectNode moreEmbed(int hidden, GroupView view) {
    ObjectNode embed = Json.object();
    embed.put("description", Text.more(hidden, "alert") + " in this group (" + view.group().firing().size() + " firing in all)");
    embed.put("color", view.style().rgb());
    return embed;
  }

  /** The embed cut down to {@code budget} characters by shortening its description, or nothing if even that is not enough. */
  private static Optional<ObjectNode> fit(ObjectNode embed, int budget) {
    int excess = length(embed) - budget;
    if (excess <= 0) {
      return Optional.of(embed);
    }
    String description = embed.path("description").asText("");
    if (description.length() - excess < 40) {
      return Optional.empty(); // a stub description says nothing; leave it to "+N more"
    }
    embed.put("description", Text.truncate(description, description.length() - excess));
    return Optional.of(embed);
  }

  /** Characters Discord counts against the 6,000 total: title, description, field names and values, footer, author. */
  static int length(JsonNode embed) {
    int n = embed.path("title").asText("").length() + embed.path("description").asText("").length()
        + embed.path("footer").path("text").asText("").length() + embed.path("author").path("name").asText("").length();
    for (JsonNode field : embed.path("fields")) {
      n += field.path("name").asText("").length() + field.path("value").asText("").length();
    }
    return n;
  }

  private static ObjectNode field(String name, String value) {
    return Json.object().put("name", name).put("value", Text.truncate(value, FIELD_VALUE_MAX)).put("inline", true);
  }

  /** Discord shows {@code <t:…:R>} as "5 minutes ago" in each reader's locale. */
  private static String relative(Instant at) {
    return "<t:" + at.getEpochSecond() + ":R>";
  }
}
