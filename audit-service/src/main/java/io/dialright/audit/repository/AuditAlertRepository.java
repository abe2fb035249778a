package io.dialright.audit.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.audit.domain.AuditAlert;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Reads of raised alerts; they are written only by {@code AlertRaiser}. */
@ApplicationScoped
public class AuditAlertRepository implements PanacheRepositoryBase<AuditAlert, UUID> {
}
