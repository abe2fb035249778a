package io.dialright.access;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Who revoked: the subject of the administrator's token, its roles and team ({@code null} if none). In the envelope
 * it is the usual Dialright actor, {@code {subject, role, team}} with the roles sorted and comma-separated.
 */
public record Revoker(String subject, List<String> roles, String team) {

    public Revoker(String subject, Collection<String> roles, String team) {
        this(subject, List.copyOf(roles), team);
    }

    public Revoker {
        Objects.requireNonNull(subject, "subject");
        roles = Objects.requireNonNull(roles, "roles").stream().sorted().toList();
    }
}
