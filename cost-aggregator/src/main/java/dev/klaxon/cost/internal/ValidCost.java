package dev.klaxon.cost.internal;

import dev.klaxon.schemas.CostEvent;

/**
 * A cost event that passed the event rules, with the bytes it was decoded from: the repartition steps
 * pass those bytes on as they are (no re-encoding per event), and a dead letter keeps them.
 */
public record ValidCost(CostEvent event, byte[] bytes) {}
