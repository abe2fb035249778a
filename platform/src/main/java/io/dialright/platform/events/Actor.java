package io.dialright.platform.events;

/**
 * Who caused an event: the subject of the token (an employee or a machine client), the role it acted in and the
 * team. {@code null} fields are omitted from JSON.
 */
public record Actor(String subject, String role, String team) {

    /** Work that no person started: relays, consumers, scheduled jobs. */
    public static Actor system(String service) {
        return new Actor(service, "system", null);
    }
}
