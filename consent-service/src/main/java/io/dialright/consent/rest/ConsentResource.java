package io.dialright.consent.rest;

import java.net.URI;
import java.util.List;
import java.util.Map;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.dialright.consent.config.ConsentConfig;
import io.dialright.consent.domain.Consent;
import io.dialright.consent.domain.ConsentStatus;
import io.dialright.consent.domain.Purpose;
import io.dialright.consent.repository.ConsentRepository;
import io.dialright.consent.service.AuditActions;
import io.dialright.consent.service.ConsentAccess;
import io.dialright.consent.service.ConsentDetails;
import io.dialright.consent.service.ConsentReader;
import io.dialright.consent.service.ConsentService;
import io.dialright.consent.service.DoubleOptInService;
import io.dialright.consent.service.IndexedNumber;
import io.dialright.consent.service.NumberIndex;
import io.dialright.platform.audit.AccessRecorder;
import io.dialright.platform.problem.ProblemException;
import io.dialright.platform.security.CurrentActor;
import io.dialright.platform.web.Page;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.HttpServerRequest;

/**
 * Consent records (K-1), double opt-in (K-3) and revocation. Every endpoint that names a consent or a contact asks
 * {@link ConsentAccess} first: operators reach their current assignments, supervisors their team (404 otherwise).
 */
@Path("/api/consents")
@Produces(MediaType.APPLICATION_JSON)
public class ConsentResource {

    private final ConsentService consents;
    private final DoubleOptInService doubleOptIn;
    private final ConsentRepository repository;
    private final ConsentReader reader;
    private final NumberIndex numbers;
    private final AccessRecorder audit;
    private final CurrentActor actor;
    private final ConsentConfig config;
    private final ConsentAccess access;

    public ConsentResource(ConsentService consents, DoubleOptInService doubleOptIn, ConsentRepository repository,
                           ConsentReader reader, NumberIndex numbers, AccessRecorder audit, CurrentActor actor,
                           ConsentConfig config, ConsentAccess access) {
        this.consents = consents;
        this.doubleOptIn = doubleOptIn;
        this.repository = repository;
        this.reader = reader;
        this.numbers = numbers;
        this.audit = audit;
        this.actor = actor;
        this.config = config;
        this.access = access;
    }

    /** 201 ACTIVE, or PENDING_CONFIRMATION with the code on its way by SMS ({@code doubleOptIn: true}). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({CurrentActor.OPERATOR, CurrentActor.SUPERVISOR, CurrentActor.INTEGRATION,
            CurrentActor.PRIVACY_OFFICER})
    public Response grant(@Valid @NotNull ConsentRequest request, @Context HttpHeaders headers,
                          @Context HttpServerRequest connection) {
        access.requireContact(request.contactId(), "GRANT");
        IndexedNumber number = numbers.of(request.phone());
        Consent consent = consents.grant(new ConsentService.NewConsent(request.contactId(), number,
                request.purpose(), request.channel(), request.legalBasis(), request.captureMethod(),
                request.source(), request.captureReference(), request.templateId(),
                request.capturedAt(), request.validUntil(), Boolean.TRUE.equals(request.doubleOptIn()),
                Requests.metadata(headers, connection)), actor.asActor());
        return Response.created(URI.create("/api/consents/" + consent.id)).entity(details(consent)).build();
    }

    /**
     * The consents of a contact or a number (at least one of them), newest first; by number, only those of the
     * contacts the caller reaches.
     */
    @GET
    @Transactional
    @RolesAllowed({CurrentActor.OPERATOR, CurrentActor.SUPERVISOR, CurrentActor.INTEGRATION,
            CurrentActor.PRIVACY_OFFICER})
    public Page<ConsentDetails> list(@QueryParam("contactId") UUID contactId, @QueryParam("phone") String phone,
                                     @QueryParam("purpose") Purpose purpose,
                                     @QueryParam("status") ConsentStatus status,
                                     @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                     @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        if (contactId == null && (phone == null || phone.isBlank())) {
            throw ProblemException.invalidField("contactId", "Name the contact (contactId) or the number (phone) "
                    + "whose consents you want; the whole list is not available.");
        }
        if (contactId != null) {
            access.requireContact(contactId, AuditActions.VIEW);
        }
        String phoneHash = phone == null || phone.isBlank() ? null : numbers.of(phone).phoneHash();
        PanacheQuery<Consent> query = repository.search(new ConsentRepository.Filter(contactId, phoneHash,
                purpose, status), access.reach());
        List<Consent> found = query.page(page, size).list();
        audit.record(actor.asActor(), AuditActions.VIEW, contactId == null ? null : contactId.toString(),
                phoneHash, Map.of("what", "consents", "count", found.size()));
        return new Page<>(reader.details(found), page, size, query.count());
    }

    @GET
    @Path("/{id}")
    @Transactional
    @RolesAllowed({CurrentActor.OPERATOR, CurrentActor.SUPERVISOR, CurrentActor.INTEGRATION,
            CurrentActor.PRIVACY_OFFICER})
    public ConsentDetails get(@PathParam("id") UUID id) {
        access.requireConsent(id, AuditActions.VIEW);
        Consent consent = repository.findById(id);
        if (consent == null) {
            throw ConsentAccess.consentNotFound(id); // erased since
        }
        audit.record(actor.asActor(), AuditActions.VIEW, consent.contactId.toString(), consent.phoneHash,
                Map.of("what", "consent", "consentId", id.toString()));
        return reader.details(consent);
    }

    /** 200 ACTIVE; 422 wrong code; 410 expired; 429 too many attempts; 409 not waiting for a code. */
    @POST
    @Path("/{id}/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({CurrentActor.OPERATOR, CurrentActor.SUPERVISOR, CurrentActor.INTEGRATION})
    public ConsentDetails confirm(@PathParam("id") UUID id, @Valid @NotNull ConfirmRequest request,
                                  @Context HttpHeaders headers, @Context HttpServerRequest connection) {
        access.requireConsent(id, "CONFIRM");
        DoubleOptInService.Outcome outcome = doubleOptIn.confirm(id, request.code(),
                Requests.metadata(headers, connection), actor.asActor());
        int resendsLeft = Math.max(0, config.doubleOptIn().maxResends() + 1 - outcome.confirmation().sends);
        String newCode = resendsLeft > 0 ? " Ask for a new code: POST /api/consents/" + id + "/resend."
                : " No new code can be sent; capture the consent again.";
        return switch (outcome.result()) {
            case CONFIRMED -> details(outcome.consent());
            case WRONG_CODE -> {
                int left = Math.max(0, config.doubleOptIn().maxAttempts() - outcome.confirmation().attempts);
                throw new ProblemException(422, "Wrong code", "The code is not the one sent; " + left
                        + (left == 1 ? " attempt" : " attempts") + " left for this code."
                        + (left == 0 ? newCode : ""));
            }
            case EXPIRED -> throw new ProblemException(410, "Code expired", "The code sent at "
                    + outcome.confirmation().lastSentAt + " expired at " + outcome.confirmation().expiresAt + "."
                    + newCode);
            case TOO_MANY_ATTEMPTS -> throw new RetryLater("Too many attempts", "This code was tried "
                    + config.doubleOptIn().maxAttempts() + " times and no longer works." + newCode, null);
            default -> throw new IllegalStateException("Unexpected outcome " + outcome.result());
        };
    }

    /** 200 a new code is on its way; 429 when sent too recently (Retry-After) or no more codes may be sent. */
    @POST
    @Path("/{id}/resend")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({CurrentActor.OPERATOR, CurrentActor.SUPERVISOR, CurrentActor.INTEGRATION})
    public ConfirmationView resend(@PathParam("id") UUID id, @Valid @NotNull ResendRequest request) {
        access.requireConsent(id, "RESEND");
        DoubleOptInService.Outcome outcome = doubleOptIn.resend(id, numbers.of(request.phone()), actor.asActor());
        return switch (outcome.result()) {
            case SENT -> new ConfirmationView(id, outcome.consent().status, outcome.confirmation().lastSentAt,
                    outcome.confirmation().expiresAt,
                    Math.max(0, config.doubleOptIn().maxResends() + 1 - outcome.confirmation().sends));
            case TOO_SOON -> throw new RetryLater("Code sent recently", "A code was sent at "
                    + outcome.confirmation().lastSentAt + "; a new one can be sent in "
                    + Math.max(1, outcome.retryAfter().toSeconds()) + " s.", outcome.retryAfter());
            case RESEND_LIMIT -> throw new RetryLater("No more codes", "All " + config.doubleOptIn().maxResends()
                    + " new codes for this consent have been sent; capture the consent again.", null);
            default -> throw new IllegalStateException("Unexpected outcome " + outcome.result());
        };
    }

    /** 200 REVOKED (also when it already was); 409 for a superseded consent. */
    @POST
    @Path("/{id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({CurrentActor.OPERATOR, CurrentActor.SUPERVISOR, CurrentActor.INTEGRATION,
            CurrentActor.PRIVACY_OFFICER})
    public ConsentDetails revoke(@PathParam("id") UUID id, @Valid @NotNull RevokeRequest request) {
        access.requireConsent(id, "REVOKE");
        return details(consents.revoke(id, request.channel(), request.reason(), actor.asActor()));
    }

    private ConsentDetails details(Consent consent) {
        return QuarkusTransaction.requiringNew().call(() ->
                reader.details(repository.findById(consent.id)));
    }
}
