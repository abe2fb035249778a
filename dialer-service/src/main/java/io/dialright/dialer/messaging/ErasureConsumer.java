package io.dialright.dialer.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.platform.consumer.EventSubscription;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.InvalidEventException;
import io.dialright.platform.events.Topics;
import io.dialright.platform.outbox.Outbox;

/**
 * Erasure (K-7) on the dialer's side: {@code ErasureRequested} removes the number from every campaign at once
 * (memberships and their sealed numbers are deleted), pseudonymises its call events and attempts (counts for the
 * statistics stay, the blind index and masked form go), and confirms with {@code CampaignMembershipsErased}.
 */
@ApplicationScoped
public class ErasureConsumer implements EventSubscription {

    /** Blind index put in place of an erased number's: no HMAC output is all zeros. */
    static final String ERASED_HASH = "0".repeat(64);

    public record ErasureRequested(UUID privacyRequestId, String phoneHash) {
    }

    /** Payload of {@code CampaignMembershipsErased} on {@code dialright.dialer.v1}, consent-service's confirmation. */
    public record CampaignMembershipsErased(UUID privacyRequestId, String phoneHash, List<UUID> contactIds,
                                            List<UUID> campaignIds, int membershipsRemoved, Instant erasedAt) {
    }

    private final Outbox outbox;
    private final Clock clock;

    public ErasureConsumer(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "erasure";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.CONSENTS);
    }

    @Override
    public void handle(EventEnvelope event, Connection connection) throws Exception {
        if (!"ErasureRequested".equals(event.eventType())) {
            return;
        }
        ErasureRequested request = event.payloadAs(ErasureRequested.class);
        if (request.phoneHash() == null || request.privacyRequestId() == null) {
            throw new InvalidEventException("ErasureRequested " + event.eventId() + " lacks phoneHash or id");
        }
        List<UUID> contactIds = new ArrayList<>();
        List<UUID> campaignIds = new ArrayList<>();
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM campaign_member WHERE phone_hash = ? RETURNING campaign_id, contact_id")) {
            delete.setString(1, request.phoneHash());
            try (ResultSet rows = delete.executeQuery()) {
                while (rows.next()) {
                    campaignIds.add(rows.getObject(1, UUID.class));
                    contactIds.add(rows.getObject(2, UUID.class));
                }
            }
        }
        pseudonymise(connection, "UPDATE call_attempt SET phone_hash = ?, contact_id = NULL WHERE phone_hash = ?",
                request.phoneHash());
        pseudonymise(connection, """
                UPDATE call_event SET phone_hash = ?, masked = '(erased)', contact_id = NULL, recording_ref = NULL
                WHERE phone_hash = ?""", request.phoneHash());
        outbox.publish(Topics.DIALER, "CampaignMembershipsErased", request.phoneHash(),
                Actor.system("dialer-service"), new CampaignMembershipsErased(request.privacyRequestId(),
                        request.phoneHash(), contactIds.stream().distinct().toList(),
                        campaignIds.stream().distinct().toList(), contactIds.size(), clock.instant()));
    }

    private static void pseudonymise(Connection connection, String sql, String phoneHash) throws Exception {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, ERASED_HASH);
            update.setString(2, phoneHash);
            update.executeUpdate();
        }
    }
}
