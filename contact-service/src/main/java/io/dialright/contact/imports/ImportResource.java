package io.dialright.contact.imports;

import java.io.File;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.dialright.platform.problem.ProblemException;
import io.dialright.platform.security.CurrentActor;

/**
 * Bulk import of historical contacts (C-6): the body is the file itself, CSV ({@code text/csv}) or NDJSON
 * ({@code application/x-ndjson}), with an optional {@code charset} (e.g. {@code windows-1251}). It is streamed to
 * disk, never held in memory; the answer is a job to follow.
 */
@Path("/api/imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private final ImportService imports;

    public ImportResource(ImportService imports) {
        this.imports = imports;
    }

    /** 202 with the job ({@code id}, {@code status: QUEUED}); 415 for another content type. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({CurrentActor.SUPERVISOR, CurrentActor.INTEGRATION})
    public Response submit(File body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam("X-File-Name") String fileName) {
        ImportFormat format = ImportFormat.ofMediaType(contentType).orElseThrow(() -> new ProblemException(415,
                "Unsupported file type", "Send the file as text/csv (with a header line) or as "
                + "application/x-ndjson (one JSON object per line)."));
        ImportJobView job = imports.submit(body.toPath(), format, charsetOf(contentType), sane(fileName));
        return Response.accepted(job).header("Location", "/api/imports/" + job.id()).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({CurrentActor.SUPERVISOR, CurrentActor.INTEGRATION})
    public ImportJobView get(@PathParam("id") UUID id) {
        return imports.find(id);
    }

    private static Charset charsetOf(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].equalsIgnoreCase("charset")) {
                try {
                    return Charset.forName(pair[1].strip().replace("\"", ""));
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new ProblemException(415, "Unsupported charset", "The charset '" + pair[1].strip()
                            + "' is not known; use UTF-8 or, for old files, windows-1251.");
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String sane(String fileName) {
        if (fileName == null) {
            return null;
        }
        String sane = fileName.replaceAll("[^\\p{L}\\p{N} ._()-]", "_");
        return sane.substring(0, Math.min(sane.length(), 200));
    }
}
