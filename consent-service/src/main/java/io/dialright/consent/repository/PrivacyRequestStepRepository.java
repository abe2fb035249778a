package io.dialright.consent.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.consent.domain.PrivacyRequestStep;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;

/** The timelines of privacy requests. */
@ApplicationScoped
public class PrivacyRequestStepRepository implements PanacheRepository<PrivacyRequestStep> {

    public void append(UUID requestId, String step, Instant at, String byWhom, String note) {
        PrivacyRequestStep entry = new PrivacyRequestStep();
        entry.privacyRequestId = requestId;
        entry.step = step;
        entry.at = at;
        entry.byWhom = byWhom;
        entry.note = note;
        persist(entry);
    }

    public List<PrivacyRequestStep> of(UUID requestId) {
        return list("privacyRequestId", Sort.ascending("id"), requestId);
    }
}
