package io.dialright.audit.rest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.dialright.audit.report.AccessReview;
import io.dialright.audit.report.ErasureReport;
import io.dialright.platform.security.CurrentActor;

/** Reports for the regulator, as JSON or CSV ({@code Accept: text/csv}). */
@Path("/api/audit/reports")
public class ReportResource {

    private static final String CSV = "text/csv";

    private final AccessReview accessReview;
    private final ErasureReport erasures;
    private final DataSource dataSource;

    public ReportResource(AccessReview accessReview, ErasureReport erasures, DataSource dataSource) {
        this.accessReview = accessReview;
        this.erasures = erasures;
        this.dataSource = dataSource;
    }

    /** Every erasure request found in the trail with its timeline and status. */
    @GET
    @Path("/erasures")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @RolesAllowed(CurrentActor.PRIVACY_OFFICER)
    public Response erasures(@HeaderParam("Accept") String accept) throws SQLException {
        List<ErasureReport.Request> requests;
        try (Connection connection = dataSource.getConnection()) {
            requests = erasures.all(connection);
        }
        if (wantsCsv(accept)) {
            return Response.ok(ErasureReport.csv(requests), CSV)
                    .header("Content-Disposition", "attachment; filename=\"erasures.csv\"")
                    .build();
        }
        return Response.ok(requests, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/access-review")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @RolesAllowed(CurrentActor.PRIVACY_OFFICER)
    public Response accessReview(@QueryParam("quarter") String quarter,
                                 @HeaderParam("Accept") String accept) throws SQLException {
        AccessReview.Review review;
        try (Connection connection = dataSource.getConnection()) {
            review = accessReview.of(connection, quarter);
        }
        if (wantsCsv(accept)) {
            return Response.ok(AccessReview.csv(review), CSV)
                    .header("Content-Disposition", "attachment; filename=\"access-review-" + quarter + ".csv\"")
                    .build();
        }
        return Response.ok(review, MediaType.APPLICATION_JSON).build();
    }

    private static boolean wantsCsv(String accept) {
        return accept != null && accept.contains(CSV);
    }
}
