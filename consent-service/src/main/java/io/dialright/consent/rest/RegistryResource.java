package io.dialright.consent.rest;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialright.consent.domain.RegistryImport;
import io.dialright.consent.repository.RegistryImportRepository;
import io.dialright.consent.service.RegistryImports;
import io.dialright.platform.problem.ProblemException;
import io.dialright.platform.security.CurrentActor;
import io.smallrye.common.annotation.Blocking;

/** National do-not-call registry imports (K-5), for privacy officers. */
@Path("/api/registry")
@Produces(MediaType.APPLICATION_JSON)
public class RegistryResource {

    private static final TypeReference<List<RegistryImportView.LineError>> ERRORS = new TypeReference<>() {
    };

    private final RegistryImports imports;
    private final RegistryImportRepository repository;
    private final CurrentActor actor;
    private final ObjectMapper json;

    public RegistryResource(RegistryImports imports, RegistryImportRepository repository, CurrentActor actor,
                            ObjectMapper json) {
        this.imports = imports;
        this.repository = repository;
        this.actor = actor;
        this.json = json;
    }

    /**
     * 202 with the import's id: the file (one number per line in any format, or CSV with the number in
     * {@code column}) is streamed to disk and loaded in the background as a new version.
     */
    @POST
    @Path("/imports")
    @Blocking
    @Consumes({MediaType.TEXT_PLAIN, "text/csv", MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed(CurrentActor.PRIVACY_OFFICER)
    public Response upload(InputStream body, @QueryParam("fileName") @Size(max = 200) String fileName,
                           @QueryParam("column") @DefaultValue("1") @Min(1) @Max(50) int column)
            throws IOException {
        RegistryImport started = imports.start(body, fileName, column, actor.asActor());
        // Relative, as written: Response.location() would make it absolute with this service's own host and port,
        // which the client behind the gateway can neither see nor reach.
        return Response.accepted(RegistryImportView.of(started, List.of()))
                .header("Location", "/api/registry/imports/" + started.id).build();
    }

    @GET
    @Path("/imports/{id}")
    @Transactional
    @RolesAllowed(CurrentActor.PRIVACY_OFFICER)
    public RegistryImportView get(@PathParam("id") UUID id) {
        RegistryImport found = repository.findById(id);
        if (found == null) {
            throw ProblemException.notFound("There is no registry import " + id + ".");
        }
        return RegistryImportView.of(found, errors(found));
    }

    /** The import whose version is in force; 404 before the first completed import. */
    @GET
    @Path("/imports/current")
    @Transactional
    @RolesAllowed({CurrentActor.PRIVACY_OFFICER, CurrentActor.SUPERVISOR})
    public RegistryImportView current() {
        RegistryImport found = repository.inForce();
        if (found == null) {
            throw ProblemException.notFound("No registry has been imported yet: POST the file to "
                    + "/api/registry/imports.");
        }
        return RegistryImportView.of(found, errors(found));
    }

    private List<RegistryImportView.LineError> errors(RegistryImport found) {
        try {
            return json.readValue(found.errors, ERRORS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored errors of import " + found.id + " are not JSON", e);
        }
    }
}
