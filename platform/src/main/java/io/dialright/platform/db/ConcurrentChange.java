package io.dialright.platform.db;

import java.util.Set;

/**
 * Tells a change refused because someone else changed the same row first (an entity's version moved between read
 * and write: two edits of one contact sent at once) from a failure of the work itself. Nothing is wrong with the
 * request: the client reloads and repeats it, so it gets a 409, not a 500.
 */
public final class ConcurrentChange {

    /** JPA's exception, and Hibernate's own where no JPA call converted it. */
    private static final Set<String> VERSION_CONFLICTS = Set.of(
            "jakarta.persistence.OptimisticLockException", "org.hibernate.StaleStateException");

    private ConcurrentChange() {
    }

    /** Whether {@code failure}, any of its causes or any exception suppressed along the way is a version conflict. */
    public static boolean isCauseOf(Throwable failure) {
        return Failures.anyMatch(failure, ConcurrentChange::isVersionConflict);
    }

    /** By name: platform serves services with and without an ORM, so it names these classes without loading them. */
    private static boolean isVersionConflict(Throwable failure) {
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            if (VERSION_CONFLICTS.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }
}
