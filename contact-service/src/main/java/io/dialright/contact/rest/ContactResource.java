package io.dialright.contact.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.dialright.contact.domain.ContactStatus;
import io.dialright.contact.service.ContactSearch;
import io.dialright.contact.service.ContactService;
import io.dialright.contact.service.DialList;
import io.dialright.contact.service.DuplicateReport;
import io.dialright.contact.service.MergeService;
import io.dialright.platform.idempotency.NotReplayed;
import io.dialright.platform.security.CurrentActor;
import io.dialright.platform.web.Page;

/**
 * Contacts and their numbers (C-1, C-2, C-8). Who may call what is declared per method; which contact they may see
 * is decided per object by the service (404 outside their assignment or team).
 */
@Path("/api/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContactResource {

    private final ContactService contacts;
    private final ContactSearch search;
    private final MergeService merges;
    private final DuplicateReport duplicates;
    private final DialList dialList;

    public ContactResource(ContactService contacts, ContactSearch search, MergeService merges,
                           DuplicateReport duplicates, DialList dialList) {
        this.contacts = contacts;
        this.search = search;
        this.merges = merges;
        this.duplicates = duplicates;
        this.dialList = dialList;
    }

    /** 201 with the contact; 400 with the expected format for a wrong number; 409 with existingContactId. */
    @POST
    @RolesAllowed({CurrentActor.OPERATOR, CurrentActor.SUPERVISOR, CurrentActor.INTEGRATION})
    public Response create(@Valid @NotNull CreateContactRequest request) {
        ContactView created = contacts.create(request);
        return Response.status(Response.Status.CREATED).entity(created)
                .header("Location", "/api/contacts/" + created.id()).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({CurrentActor.OPERATOR, CurrentActor.SUPERVISOR, CurrentActor.INTEGRATION, CurrentActor.ANALYST,
            CurrentActor.PRIVACY_OFFICER})
    public ContactView get(@PathParam("id") UUID id) {
        return contacts.view(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({CurrentActor.OPERATOR, CurrentActor.SUPERVISOR, CurrentActor.INTEGRATION})
    public ContactView update(@PathParam("id") UUID id, @Valid @NotNull UpdateContactRequest request) {
        return contacts.update(id, request);
    }

    @GET
    @RolesAllowed({CurrentActor.OPERATOR, CurrentActor.SUPERVISOR, CurrentActor.INTEGRATION, CurrentActor.ANALYST,
            CurrentActor.PRIVACY_OFFICER})
    public Page<ContactView> list(@QueryParam("phone") String phone, @QueryParam("tag") String tag,
                                  @QueryParam("status") ContactStatus status,
                                  @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                  @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return search.search(new ContactSearch.Filter(phone, tag, status), page, size);
    }

    /** 200 with the surviving contact; the duplicate is gone and everything it held is the survivor's. */
    @POST
    @Path("/{id}/merge")
    @RolesAllowed(CurrentActor.SUPERVISOR)
    public ContactView merge(@PathParam("id") UUID id, @Valid @NotNull MergeRequest request) {
        return merges.merge(id, request.duplicateId());
    }

    /** Candidate duplicate groups among the supervisor's team's contacts, numbers masked. */
    @GET
    @Path("/duplicates")
    @RolesAllowed(CurrentActor.SUPERVISOR)
    public Page<DuplicateReport.Group> duplicates(
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return duplicates.groups(page, size);
    }

    /**
     * The numbers of up to 1,000 contacts in full, for the dialer adding them to a campaign with the supervisor's
     * token; contacts outside the supervisor's team come back in {@code notAvailable}. Machine clients may not: bulk
     * numbers leave contact-service only for a supervisor's campaign or an approved export.
     */
    @POST
    @Path("/dial-list")
    @RolesAllowed(CurrentActor.SUPERVISOR)
    @NotReplayed
    public DialList.Answer dialList(@Valid @NotNull DialListRequest request) {
        return dialList.read(request.contactIds());
    }

    /** "Is this number still convenient?" — yes: the number's {@code lastConfirmedAt} becomes now. */
    @POST
    @Path("/{id}/phones/{phoneId}/confirmation")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({CurrentActor.OPERATOR, CurrentActor.SUPERVISOR})
    public ContactView confirmPhone(@PathParam("id") UUID id, @PathParam("phoneId") UUID phoneId) {
        return contacts.confirmPhone(id, phoneId);
    }

    /** 202: the frontend reports a clipboard copy or a revealed number; it is audited. */
    @POST
    @Path("/{id}/access-events")
    @RolesAllowed({CurrentActor.OPERATOR, CurrentActor.SUPERVISOR})
    public Response accessEvent(@PathParam("id") UUID id, @Valid @NotNull AccessEventRequest request) {
        contacts.reportAccess(id, request.action().name(), request.phone());
        return Response.accepted().build();
    }

    /** Always 405: contacts are erased through a privacy request, never deleted; the attempt is audited. */
    @DELETE
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({CurrentActor.OPERATOR, CurrentActor.SUPERVISOR, CurrentActor.INTEGRATION, CurrentActor.ANALYST,
            CurrentActor.PRIVACY_OFFICER, CurrentActor.ADMIN})
    public Response delete(@PathParam("id") UUID id) {
        contacts.refuseDelete(id);
        return Response.status(Response.Status.METHOD_NOT_ALLOWED).build();
    }
}
