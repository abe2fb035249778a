package io.dialright.contact.crypto;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.dialright.platform.security.CurrentActor;

/**
 * Key rotation for administrators (C-7): how many numbers each key still seals, and a way to move them to the
 * primary key now rather than at the job's next run. Counts only — no business data.
 */
@Path("/api/contacts/encryption-keys")
@Produces(MediaType.APPLICATION_JSON)
public class KeyResource {

    /** The outcome of a re-encryption run. */
    public record Moved(long numbersMoved, List<Reencryption.KeyUsage> keys) {
    }

    private final Reencryption reencryption;

    public KeyResource(Reencryption reencryption) {
        this.reencryption = reencryption;
    }

    @GET
    @RolesAllowed(CurrentActor.ADMIN)
    public List<Reencryption.KeyUsage> usage() {
        return reencryption.countByKey();
    }

    @POST
    @Path("/reencryption")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(CurrentActor.ADMIN)
    public Moved reencrypt() {
        long moved = reencryption.moveAll();
        return new Moved(moved, reencryption.countByKey());
    }
}
