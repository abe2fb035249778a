package io.dialright.consent.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.consent.domain.RegistryImport;
import io.dialright.consent.domain.RegistryImportStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Registry imports. */
@ApplicationScoped
public class RegistryImportRepository implements PanacheRepositoryBase<RegistryImport, UUID> {

    public RegistryImport running() {
        return find("status", RegistryImportStatus.RUNNING).firstResult();
    }

    public RegistryImport inForce() {
        return find("status", RegistryImportStatus.COMPLETED).firstResult();
    }

    public int nextVersion() {
        return ((Number) getEntityManager().createNativeQuery("SELECT nextval('registry_version_seq')")
                .getSingleResult()).intValue();
    }
}
