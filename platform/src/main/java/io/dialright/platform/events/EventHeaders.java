package io.dialright.platform.events;

/** Kafka header names that repeat envelope fields, so routers and tools need not parse the value. */
public final class EventHeaders {

    public static final String EVENT_ID = "eventId";
    public static final String EVENT_TYPE = "eventType";

    private EventHeaders() {
    }
}
