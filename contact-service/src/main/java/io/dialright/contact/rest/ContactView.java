package io.dialright.contact.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dialright.contact.domain.ContactStatus;
import io.dialright.contact.domain.SourceChannel;

/**
 * A contact as its caller may see it: {@code phones[].e164} and {@code email} only where the role may see them in
 * full; never a ciphertext, blind index or key id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContactView(UUID id, String name, String email, ContactStatus status, List<String> tags, String team,
                          String timeZone, TimeWindow preferredCallTime, SourceView source, List<SourceView> sources,
                          List<PhoneView> phones, List<OtherIdentityView> otherIdentities, Instant lastContactAt,
                          Instant createdAt, Instant updatedAt, long version) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PhoneView(UUID id, String e164, String masked, String type, String region, List<String> timeZones,
                            String label, String comment, Instant lastConfirmedAt) {
    }

    /** A name and e-mail of a duplicate merged into this contact; the e-mail only where the caller sees e-mails. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OtherIdentityView(String name, String email, UUID mergedFrom, Instant mergedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SourceView(SourceChannel channel, String campaign, Instant recordedAt) {
    }
}
