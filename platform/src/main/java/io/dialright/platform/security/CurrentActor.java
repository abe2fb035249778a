package io.dialright.platform.security;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.RequestScoped;

import io.dialright.platform.events.Actor;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The verified caller of the current request, read from its JWT: who acts, in which roles and for which team.
 * Events and audit entries name this actor; object-level checks ask it for roles and team.
 */
@RequestScoped
public class CurrentActor {

    public static final String OPERATOR = "operator";
    public static final String SUPERVISOR = "supervisor";
    public static final String ANALYST = "analyst";
    public static final String ADMIN = "admin";
    public static final String INTEGRATION = "integration";
    public static final String PRIVACY_OFFICER = "privacy-officer";

    private final JsonWebToken token;

    public CurrentActor(JsonWebToken token) {
        this.token = token;
    }

    public String subject() {
        return token.getSubject() != null ? token.getSubject() : token.getName();
    }

    public Set<String> roles() {
        return token.getGroups() == null ? Set.of() : new TreeSet<>(token.getGroups());
    }

    /** Asked several times per request: looked up in the token's own set, not in a sorted copy of it. */
    public boolean hasRole(String role) {
        Set<String> groups = token.getGroups();
        return groups != null && groups.contains(role);
    }

    /** The {@code team} claim of operators and supervisors; {@code null} for others. */
    public String team() {
        Object team = token.getClaim("team");
        return team == null ? null : team.toString();
    }

    /** The actor as events record it; several roles are listed comma-separated, sorted. */
    public Actor asActor() {
        return new Actor(subject(), String.join(",", List.copyOf(roles())), team());
    }
}
