/**
 * Stage two: {@link dev.klaxon.sink.group.GroupStage} owns the group-state partitions Kafka assigns
 * to this instance and rebuilds their groups; the {@link dev.klaxon.sink.group.Dispatcher} keeps each
 * group's timers ({@code group_wait}, {@code group_interval}) and hands a due group, as a
 * {@link dev.klaxon.sink.group.Flush}, to {@code pipeline}.
 */
package dev.klaxon.sink.group;
