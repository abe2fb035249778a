package io.dialright.contact.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What the desktop saw the person do with a contact's number. */
public record AccessEventRequest(@NotNull Action action, @Size(max = 64) String phone) {

    public enum Action {
        COPY,
        VIEW_FULL_NUMBER
    }
}
