package io.dialright.consent.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.consent.domain.ConsentConfirmation;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Double opt-in state per consent. */
@ApplicationScoped
public class ConsentConfirmationRepository implements PanacheRepositoryBase<ConsentConfirmation, UUID> {
}
