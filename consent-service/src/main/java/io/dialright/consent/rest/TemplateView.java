package io.dialright.consent.rest;

import java.time.Instant;
import java.util.UUID;

import io.dialright.consent.domain.ConsentTemplate;
import io.dialright.consent.domain.Purpose;

/** A consent template version; {@code shown: true} means it is immutable. */
public record TemplateView(UUID id, String code, int version, Purpose purpose, String companyName, String inn,
                           String companyAddress, String dataComposition, String processingMethods, String term,
                           String revocation, String frequency, String body, String createdBy, Instant createdAt,
                           boolean shown, Instant firstShownAt) {

    static TemplateView of(ConsentTemplate template) {
        return new TemplateView(template.id, template.code, template.version, template.purpose,
                template.companyName, template.inn, template.companyAddress, template.dataComposition,
                template.processingMethods, template.term, template.revocation, template.frequency, template.body,
                template.createdBy, template.createdAt, template.shown(), template.firstShownAt);
    }
}
