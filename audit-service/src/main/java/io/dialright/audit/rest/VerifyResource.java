package io.dialright.audit.rest;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.dialright.audit.chain.ChainVerifier;
import io.dialright.platform.security.CurrentActor;

/**
 * Checks every link of the audit chain. Admins may run it too: the answer holds no business data, only
 * whether the trail is intact and where it is not.
 */
@Path("/api/audit/verify")
@Produces(MediaType.APPLICATION_JSON)
public class VerifyResource {

    private final ChainVerifier verifier;
    private final DataSource dataSource;

    public VerifyResource(ChainVerifier verifier, DataSource dataSource) {
        this.verifier = verifier;
        this.dataSource = dataSource;
    }

    @GET
    @RolesAllowed({CurrentActor.PRIVACY_OFFICER, CurrentActor.ADMIN})
    public ChainVerifier.Verification verify() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            // One snapshot for the whole walk, so entries appended meanwhile do not look like a broken head.
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return verifier.verify(connection);
            } finally {
                connection.rollback();
            }
        }
    }
}
