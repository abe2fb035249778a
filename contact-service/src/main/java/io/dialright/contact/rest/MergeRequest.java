package io.dialright.contact.rest;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** The contact to merge into the one named in the path; it is gone afterwards. */
public record MergeRequest(@NotNull UUID duplicateId) {
}
