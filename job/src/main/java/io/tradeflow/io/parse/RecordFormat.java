package io.tradeflow.io.parse;

/** Names the text form of a record: a JSON object (Kafka, JSON lines) or a CSV row. */
public enum RecordFormat {
    JSON,
    CSV
}
