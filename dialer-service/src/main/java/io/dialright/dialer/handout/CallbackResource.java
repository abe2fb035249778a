package io.dialright.dialer.handout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.dialright.platform.security.CurrentActor;
import io.dialright.platform.web.Page;

/**
 * {@code GET /api/callbacks}: the callbacks waiting to be served, soonest first — an operator's own (the ones they
 * agreed with the customer), a supervisor's team's. Numbers masked: the full number comes with the hand-out.
 */
@Path("/api/callbacks")
@Produces(MediaType.APPLICATION_JSON)
public class CallbackResource {

    public record Callback(UUID campaignId, String campaignName, UUID contactId, String masked, Instant dueAt,
                           String agreedBy) {
    }

    private final DataSource dataSource;
    private final CurrentActor actor;

    public CallbackResource(DataSource dataSource, CurrentActor actor) {
        this.dataSource = dataSource;
        this.actor = actor;
    }

    @GET
    @RolesAllowed({CurrentActor.OPERATOR, CurrentActor.SUPERVISOR})
    public Page<Callback> list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
                               @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size)
            throws SQLException {
        boolean supervisor = actor.hasRole(CurrentActor.SUPERVISOR);
        String scope = supervisor ? "? = ANY(c.teams)" : "m.last_operator_id = ?";
        String parameter = supervisor ? String.valueOf(actor.team()) : actor.subject();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT m.campaign_id, c.name, m.contact_id, m.masked, m.callback_due_at, m.last_operator_id,
                            count(*) OVER ()
                     FROM campaign_member m JOIN campaign c ON c.id = m.campaign_id
                     WHERE m.state = 'CALLBACK' AND %s
                     ORDER BY m.callback_due_at, m.contact_id LIMIT ? OFFSET ?""".formatted(scope))) {
            select.setString(1, parameter);
            select.setInt(2, size);
            select.setLong(3, (long) page * size);
            List<Callback> items = new ArrayList<>();
            long total = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Timestamp due = rows.getTimestamp(5);
                    items.add(new Callback(rows.getObject(1, UUID.class), rows.getString(2),
                            rows.getObject(3, UUID.class), rows.getString(4), due.toInstant(), rows.getString(6)));
                    total = rows.getLong(7);
                }
            }
            return new Page<>(items, page, size, total);
        }
    }
}
