package io.dialright.contact.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.dialright.contact.domain.SourceChannel;

/** Where the number came from: the channel and, when known, the campaign, shop or form. */
public record SourceInput(@NotNull SourceChannel channel, @Size(max = 200) String campaign) {
}
