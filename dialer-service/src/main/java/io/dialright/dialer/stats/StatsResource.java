package io.dialright.dialer.stats;

import java.sql.SQLException;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.dialright.dialer.campaign.Campaign;
import io.dialright.dialer.campaign.CampaignService;
import io.dialright.platform.security.CurrentActor;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** {@code GET /api/campaigns/{id}/stats} as JSON, or as CSV with {@code Accept: text/csv}. */
@Path("/api/campaigns/{id}/stats")
public class StatsResource {

    static final String CSV = "text/csv";

    private final CampaignService campaigns;
    private final StatsService stats;

    public StatsResource(CampaignService campaigns, StatsService stats) {
        this.campaigns = campaigns;
        this.stats = stats;
    }

    /** JSON unless the client asks for {@code text/csv} (and not for JSON). */
    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @RolesAllowed({CurrentActor.SUPERVISOR, CurrentActor.ANALYST})
    public Response stats(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.ACCEPT) String accept)
            throws SQLException {
        CampaignStats computed = stats.of(statsReadable(id));
        boolean csv = accept != null && accept.contains(CSV) && !accept.contains(MediaType.APPLICATION_JSON);
        return csv ? Response.ok(StatsCsv.of(computed), CSV).build()
                : Response.ok(computed, MediaType.APPLICATION_JSON).build();
    }

    /** Supervisors of the campaign's teams and analysts; anyone else gets the 404 of an unknown campaign. */
    private Campaign statsReadable(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> campaigns.readable(id));
    }
}
