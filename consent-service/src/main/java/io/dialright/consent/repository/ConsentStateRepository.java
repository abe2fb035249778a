package io.dialright.consent.repository;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.consent.domain.ConsentState;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;

/** The append-only history of consents. */
@ApplicationScoped
public class ConsentStateRepository implements PanacheRepository<ConsentState> {

    /** The histories of several consents with one query, oldest step first. */
    public Map<UUID, List<ConsentState>> historiesOf(Collection<UUID> consentIds) {
        if (consentIds.isEmpty()) {
            return Map.of();
        }
        return list("consentId in ?1", Sort.ascending("id"), consentIds).stream()
                .collect(Collectors.groupingBy(state -> state.consentId));
    }
}
