package io.dialright.consent.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.dialright.consent.domain.ConsentTemplate;
import io.dialright.consent.domain.Purpose;
import io.dialright.consent.repository.ConsentTemplateRepository;
import io.dialright.consent.service.TemplateService;
import io.dialright.platform.problem.ProblemException;
import io.dialright.platform.security.CurrentActor;
import io.dialright.platform.web.Page;
import io.quarkus.hibernate.orm.panache.PanacheQuery;

/** Versioned consent texts (K-2): written by privacy officers, read by everyone who shows or captures consents. */
@Path("/api/consent-templates")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {

    private final TemplateService templates;
    private final ConsentTemplateRepository repository;
    private final CurrentActor actor;

    public TemplateResource(TemplateService templates, ConsentTemplateRepository repository, CurrentActor actor) {
        this.templates = templates;
        this.repository = repository;
        this.actor = actor;
    }

    /** 201 the next version of {@code code} (version 1 for a new code). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(CurrentActor.PRIVACY_OFFICER)
    public Response create(@Valid @NotNull TemplateRequest request) {
        ConsentTemplate template = templates.create(request.content(), actor.asActor());
        return Response.created(URI.create("/api/consent-templates/" + template.id))
                .entity(TemplateView.of(template)).build();
    }

    /** 200 corrected; 409 when the version has been shown (create a new version instead). */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(CurrentActor.PRIVACY_OFFICER)
    public TemplateView correct(@PathParam("id") UUID id, @Valid @NotNull TemplateRequest request) {
        return TemplateView.of(templates.correct(id, request.content()));
    }

    @GET
    @Transactional
    @RolesAllowed({CurrentActor.OPERATOR, CurrentActor.SUPERVISOR, CurrentActor.INTEGRATION,
            CurrentActor.PRIVACY_OFFICER})
    public Page<TemplateView> list(@QueryParam("code") String code, @QueryParam("purpose") Purpose purpose,
                                   @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                   @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        PanacheQuery<ConsentTemplate> query = repository.search(code, purpose);
        return new Page<>(query.page(page, size).stream().map(TemplateView::of).toList(), page, size,
                query.count());
    }

    @GET
    @Path("/{id}")
    @Transactional
    @RolesAllowed({CurrentActor.OPERATOR, CurrentActor.SUPERVISOR, CurrentActor.INTEGRATION,
            CurrentActor.PRIVACY_OFFICER})
    public TemplateView get(@PathParam("id") UUID id) {
        ConsentTemplate template = repository.findById(id);
        if (template == null) {
            throw ProblemException.notFound("There is no consent template " + id + ".");
        }
        return TemplateView.of(template);
    }
}
