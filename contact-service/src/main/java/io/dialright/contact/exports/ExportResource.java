package io.dialright.contact.exports;

import java.io.IOException;
import java.nio.file.Files;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import io.dialright.platform.idempotency.NotReplayed;
import io.dialright.platform.security.CurrentActor;

/**
 * Exports (C-9) only through a request a second supervisor approves; the archive is AES-256 encrypted and its
 * one-time password is in the {@code X-Archive-Password} header of the one response that carries the archive.
 */
@Path("/api/exports")
@Produces(MediaType.APPLICATION_JSON)
public class ExportResource {

    public static final String PASSWORD_HEADER = "X-Archive-Password";

    private final ExportService exports;

    public ExportResource(ExportService exports) {
        this.exports = exports;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({CurrentActor.SUPERVISOR, CurrentActor.ANALYST})
    public Response request(@Valid @NotNull ExportRequestInput input) {
        ExportView created = exports.request(input);
        return Response.status(Response.Status.CREATED).entity(created)
                .header("Location", "/api/exports/" + created.id()).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({CurrentActor.SUPERVISOR, CurrentActor.ANALYST})
    public ExportView get(@PathParam("id") UUID id) {
        return exports.find(id);
    }

    @POST
    @Path("/{id}/approve")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(CurrentActor.SUPERVISOR)
    public ExportView approve(@PathParam("id") UUID id) {
        return exports.decide(id, true);
    }

    @POST
    @Path("/{id}/reject")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(CurrentActor.SUPERVISOR)
    public ExportView reject(@PathParam("id") UUID id) {
        return exports.decide(id, false);
    }

    /** 200 {@code application/zip} once, to the requester of an approved export; 409 before approval, 410 after. */
    @POST
    @Path("/{id}/archive")
    @Consumes(MediaType.WILDCARD)
    @Produces({"application/zip", MediaType.APPLICATION_JSON})
    @RolesAllowed({CurrentActor.SUPERVISOR, CurrentActor.ANALYST})
    @NotReplayed
    public Response archive(@PathParam("id") UUID id) {
        ExportService.Archive archive = exports.archive(id);
        StreamingOutput body = output -> {
            try {
                Files.copy(archive.file(), output);
            } finally {
                deleteQuietly(archive);
            }
        };
        return Response.ok(body, "application/zip")
                .header(PASSWORD_HEADER, archive.password())
                .header("Cache-Control", "no-store")
                .header("Content-Disposition", "attachment; filename=\"" + archive.fileName() + "\"")
                .build();
    }

    private static void deleteQuietly(ExportService.Archive archive) {
        try {
            Files.deleteIfExists(archive.file());
        } catch (IOException e) {
            // The archive is encrypted; a leftover temporary file gives nothing away without the password.
        }
    }
}
