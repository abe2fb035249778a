package io.dialright.consent.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Whether one number is in the national registry version in force (access reports). */
@ApplicationScoped
public class RegistryLookup {

    /** The version in force (0 before the first import) and whether the number is listed in it. */
    public record Listing(int version, boolean listed) {
    }

    private final EntityManager entityManager;

    public RegistryLookup(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Listing of(String phoneHash) {
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                        SELECT c.version, EXISTS (SELECT 1 FROM registry_entry r
                                                  WHERE r.version = c.version AND r.phone_hash = ?1)
                        FROM registry_current c""")
                .setParameter(1, phoneHash)
                .getSingleResult();
        return new Listing(((Number) row[0]).intValue(), (Boolean) row[1]);
    }
}
