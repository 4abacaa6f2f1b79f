package io.ccpulse.pipeline.sink;

/**
 * A row the sink gave up on: ClickHouse refused it as data, or it could not be bound
 * (sink_rejections).
 */
record SinkRejection(long rejectedAt, String table, int errorCode, String error, String row) {}
