package io.dialright.consent.rest;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialright.consent.domain.PrivacyRequest;
import io.dialright.consent.domain.PrivacyRequestStatus;
import io.dialright.consent.domain.PrivacyRequestType;
import io.dialright.consent.repository.ErasureConfirmations;
import io.dialright.consent.repository.PrivacyRequestRepository;
import io.dialright.consent.repository.PrivacyRequestStepRepository;
import io.dialright.consent.service.ErasureService;
import io.dialright.consent.service.NumberIndex;
import io.dialright.consent.service.PrivacyRequestService;
import io.dialright.platform.security.CurrentActor;
import io.dialright.platform.web.Page;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Erasure (K-7) and access (K-8) requests. Privacy officers handle them; web forms and other machine clients
 * (integration) may file them on the customer's behalf but not read them.
 */
@Path("/api/privacy-requests")
@Produces(MediaType.APPLICATION_JSON)
public class PrivacyRequestResource {

    private final PrivacyRequestService service;
    private final ErasureService erasures;
    private final PrivacyRequestRepository requests;
    private final PrivacyRequestStepRepository steps;
    private final ErasureConfirmations confirmations;
    private final NumberIndex numbers;
    private final CurrentActor actor;
    private final ObjectMapper json;
    private final Clock clock;

    public PrivacyRequestResource(PrivacyRequestService service, ErasureService erasures,
                                  PrivacyRequestRepository requests, PrivacyRequestStepRepository steps,
                                  ErasureConfirmations confirmations, NumberIndex numbers, CurrentActor actor,
                                  ObjectMapper json, Clock clock) {
        this.service = service;
        this.erasures = erasures;
        this.requests = requests;
        this.steps = steps;
        this.confirmations = confirmations;
        this.numbers = numbers;
        this.actor = actor;
        this.json = json;
        this.clock = clock;
    }

    /**
     * 201. An erasure blocks the number at once and stays OPEN until every service confirmed; an access request
     * is COMPLETED with its report, which only a privacy officer reads: a web form filing the customer's request
     * gets the ticket without it. 409 while an erasure of the number is already open.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({CurrentActor.PRIVACY_OFFICER, CurrentActor.INTEGRATION})
    public Response receive(@Valid @NotNull PrivacyRequestRequest request) {
        PrivacyRequest ticket = service.receive(request.type(), numbers.of(request.phone()), request.channel(),
                request.requester(), actor.asActor());
        PrivacyRequestView view = QuarkusTransaction.requiringNew().call(() -> view(requests.findById(ticket.id)));
        if (!actor.hasRole(CurrentActor.PRIVACY_OFFICER)) {
            view = view.withoutReport();
        }
        return Response.created(URI.create("/api/privacy-requests/" + ticket.id)).entity(view).build();
    }

    @GET
    @Path("/{id}")
    @Transactional
    @RolesAllowed(CurrentActor.PRIVACY_OFFICER)
    public PrivacyRequestView get(@PathParam("id") UUID id) {
        return view(service.read(id, actor.asActor()));
    }

    /** Tickets, newest first; {@code overdue=true} keeps open erasures past their due date. */
    @GET
    @Transactional
    @RolesAllowed(CurrentActor.PRIVACY_OFFICER)
    public Page<PrivacyRequestView> list(@QueryParam("type") PrivacyRequestType type,
                                         @QueryParam("status") PrivacyRequestStatus status,
                                         @QueryParam("overdue") @DefaultValue("false") boolean overdue,
                                         @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                         @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE)
                                         int size) {
        PanacheQuery<PrivacyRequest> query = requests.search(new PrivacyRequestRepository.Filter(type, status,
                overdue ? clock.instant() : null));
        return new Page<>(query.page(page, size).stream().map(this::summary).toList(), page, size,
                query.count());
    }

    private PrivacyRequestView view(PrivacyRequest ticket) {
        Instant now = clock.instant();
        List<PrivacyRequestView.Confirmation> confirmed = confirmations.of(ticket.id).stream()
                .map(confirmation -> new PrivacyRequestView.Confirmation(confirmation.service(),
                        confirmation.confirmedAt(), confirmation.eventId(), parse(confirmation.details())))
                .toList();
        List<PrivacyRequestView.Step> history = steps.of(ticket.id).stream()
                .map(step -> new PrivacyRequestView.Step(step.step, step.at, step.byWhom, step.note)).toList();
        return new PrivacyRequestView(ticket.id, ticket.type, ticket.status, ticket.masked, ticket.channel,
                ticket.requester, ticket.receivedBy, ticket.receivedAt, ticket.dueBy, ticket.completedAt,
                ticket.isOverdue(now), ticket.overdueAt,
                ticket.type == PrivacyRequestType.ERASURE ? confirmed : null,
                ticket.type == PrivacyRequestType.ERASURE ? erasures.awaiting(ticket) : null, history,
                ticket.report == null ? null : parse(ticket.report));
    }

    /** A list entry: the ticket without timeline and report. */
    private PrivacyRequestView summary(PrivacyRequest ticket) {
        return new PrivacyRequestView(ticket.id, ticket.type, ticket.status, ticket.masked, ticket.channel,
                ticket.requester, ticket.receivedBy, ticket.receivedAt, ticket.dueBy, ticket.completedAt,
                ticket.isOverdue(clock.instant()), ticket.overdueAt, null,
                ticket.type == PrivacyRequestType.ERASURE ? erasures.awaiting(ticket) : null, null, null);
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON of a privacy request cannot be read", e);
        }
    }
}
