package dev.klaxon.cli;

import dev.klaxon.cost.CostSection;
import dev.klaxon.cost.SpendConfig;
import dev.klaxon.gateway.GatewayConfig;
import dev.klaxon.processor.ProcessorSection;
import dev.klaxon.replay.LiveSettings;
import dev.klaxon.rules.RuleSet;
import dev.klaxon.rules.RulesSection;
import dev.klaxon.schemas.Topics;
import dev.klaxon.sink.SinkSection;
import dev.klaxon.sink.config.SinkConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a replay takes from {@code klaxon.yaml} (the file {@code klaxon run --config} reads), so that it
 * recomputes with the live settings: the processor's first window and grace, the event limits, the cost
 * aggregator's windows and grace, the rules and the sink's routing. Options given on the command line
 * win over the file; without a file, the shipped defaults. (Kafka and the topic prefix come from the same
 * file through {@link KafkaOptions}.)
 *
 * @param rulesSource and {@code routingSource} name where the rules and routing came from, for the report
 */
record ReplayConfig(Duration window, Duration grace, RuleSet rules, String rulesSource, SinkConfig routing,
    String routingSource, LiveSettings live) {

  /**
   * @param window, {@code grace}, {@code rules}, {@code routing}: the options, null when not given
   * @throws dev.klaxon.runtime.config.ConfigException naming the key, for a file that is not a valid klaxon.yaml
   */
  static ReplayConfig of(RunFile file, Duration window, Duration grace, Path rules, Path routing) {
    ProcessorSection processor = ProcessorSection.from(file.processor());
    GatewayConfig.Events events = GatewayConfig.Events.fromSection(file.events());
    SpendConfig spend = CostSection.from(file.cost()).spendConfig(Topics.defaults(), events.limits());
    RulesSection rulesSection = RulesSection.from(file.rules(), file.baseDir());
    SinkSection sink = SinkSection.from(file.sink(), file.baseDir());

    RuleSet ruleSet = rules != null ? RulesCommand.load(rules) : rulesSection.ruleSet();
    String rulesSource = rules != null ? rules.toString()
        : rulesSection.file() != null ? rulesSection.file() : "shipped rules";
    SinkConfig routingConfig = routing != null ? SinkCommand.load(routing) : sink.routingConfig();
    String routingSource = routing != null ? routing.toString()
        : sink.routing() != null ? sink.routing() : "shipped routing";
    return new ReplayConfig(window != null ? window : processor.windows().get(0),
        grace != null ? grace : processor.grace(), ruleSet, rulesSource, routingConfig, routingSource,
        new LiveSettings(events.limits(), spend.granularities(), spend.grace()));
  }
}
