/**
 * Plumbing the stages share, none of it a stage: consumer settings, the group-state topic's keys and
 * partitions, compacted-topic readers, topic creation, dead-letter records, JSON over the JDK HTTP
 * server and the ops endpoints.
 */
package dev.klaxon.sink.internal;
