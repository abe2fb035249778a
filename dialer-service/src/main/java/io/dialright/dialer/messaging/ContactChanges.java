package io.dialright.dialer.messaging;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.dialer.members.MemberNumbers;
import io.dialright.dialer.members.MemberWriter;
import io.dialright.dialer.rules.CalleeZones;
import io.dialright.platform.consumer.EventSubscription;
import io.dialright.platform.crypto.FieldCipher;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.InvalidEventException;
import io.dialright.platform.events.Topics;

/**
 * Keeps campaign members in step with contact-service: a confirmed time zone, a new preferred time or VIP tag
 * takes effect on the next hand-out; a contact no longer active, or whose called number was removed, is done; a
 * merged contact's memberships move to the survivor (its number sealed again for the new row); an erased
 * contact's memberships go.
 */
@ApplicationScoped
public class ContactChanges implements EventSubscription {

    public record Phone(String phoneHash, String region, List<String> timeZones) {
    }

    public record PreferredCallTime(String from, String to) {
    }

    public record ContactState(UUID contactId, String status, List<String> tags, List<Phone> phones,
                               String timeZone, PreferredCallTime preferredCallTime) {
    }

    public record ContactsMerged(UUID survivorId, UUID mergedId) {
    }

    public record ContactErased(List<UUID> contactIds, UUID contactId) {
    }

    private final MemberNumbers numbers;

    public ContactChanges(MemberNumbers numbers) {
        this.numbers = numbers;
    }

    @Override
    public String name() {
        return "contact-changes";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.CONTACTS);
    }

    @Override
    public void handle(EventEnvelope event, Connection connection) throws Exception {
        switch (event.eventType()) {
            case "ContactUpdated" -> updated(connection, event.payloadAs(ContactState.class));
            case "ContactsMerged" -> merged(connection, event.payloadAs(ContactsMerged.class));
            case "ContactErased" -> erased(connection, event.payloadAs(ContactErased.class));
            default -> {
                // Other contact events change nothing the dialer holds.
            }
        }
    }

    private void updated(Connection connection, ContactState contact) throws Exception {
        if (contact.contactId() == null || contact.status() == null) {
            throw new InvalidEventException("ContactUpdated without contactId or status");
        }
        if (!"ACTIVE".equals(contact.status())) {
            finish(connection, contact.contactId(), null, "CONTACT_" + contact.status());
            return;
        }
        List<String> memberHashes = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT DISTINCT phone_hash FROM campaign_member WHERE contact_id = ?")) {
            select.setObject(1, contact.contactId());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    memberHashes.add(rows.getString(1));
                }
            }
        }
        for (String hash : memberHashes) {
            Phone phone = contact.phones() == null ? null : contact.phones().stream()
                    .filter(candidate -> hash.equals(candidate.phoneHash())).findFirst().orElse(null);
            if (phone == null) {
                finish(connection, contact.contactId(), hash, "NUMBER_REMOVED");
                continue;
            }
            CalleeZones zones = CalleeZones.of(contact.timeZone(), phone.region(),
                    phone.timeZones() == null ? List.of() : phone.timeZones());
            rezone(connection, contact, hash, zones);
        }
    }

    private static void rezone(Connection connection, ContactState contact, String phoneHash, CalleeZones zones)
            throws Exception {
        PreferredCallTime preferred = contact.preferredCallTime();
        try (PreparedStatement sets = connection.prepareStatement("""
                INSERT INTO campaign_zone_set (campaign_id, zone_key, zones, ambiguous)
                SELECT DISTINCT campaign_id, ?, ?, ? FROM campaign_member WHERE contact_id = ? AND phone_hash = ?
                ON CONFLICT DO NOTHING""");
             PreparedStatement update = connection.prepareStatement("""
                     UPDATE campaign_member SET zone_key = ?, zone_confirmed = ?, preferred_from = ?,
                            preferred_to = ?, vip = ?
                     WHERE contact_id = ? AND phone_hash = ?""")) {
            Array zoneIds = connection.createArrayOf("text", zones.zones().stream().map(Object::toString).toArray());
            sets.setString(1, zones.key());
            sets.setArray(2, zoneIds);
            sets.setBoolean(3, zones.ambiguous());
            sets.setObject(4, contact.contactId());
            sets.setString(5, phoneHash);
            sets.executeUpdate();
            update.setString(1, zones.key());
            update.setBoolean(2, zones.confirmed());
            update.setObject(3, preferred == null || preferred.from() == null ? null : LocalTime.parse(preferred.from()));
            update.setObject(4, preferred == null || preferred.to() == null ? null : LocalTime.parse(preferred.to()));
            update.setBoolean(5, MemberWriter.isVip(contact.tags()));
            update.setObject(6, contact.contactId());
            update.setString(7, phoneHash);
            update.executeUpdate();
        }
    }

    /**
     * Ends the memberships (of one number, or all), leased ones too: a lease that lapses or a call that ends
     * unanswered must not bring an inactive contact or a removed number back into the queue.
     */
    private static void finish(Connection connection, UUID contactId, String phoneHash, String outcome)
            throws Exception {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE campaign_member SET state = 'DONE', outcome = ?, lease_id = NULL, lease_operator = NULL,
                       lease_expires_at = NULL
                WHERE contact_id = ? AND (?::text IS NULL OR phone_hash = ?) AND state <> 'DONE'""")) {
            update.setString(1, outcome);
            update.setObject(2, contactId);
            update.setString(3, phoneHash);
            update.setString(4, phoneHash);
            update.executeUpdate();
        }
    }

    private void merged(Connection connection, ContactsMerged merge) throws Exception {
        if (merge.survivorId() == null || merge.mergedId() == null) {
            throw new InvalidEventException("ContactsMerged without survivorId or mergedId");
        }
        record Moved(UUID campaignId, String keyId, byte[] ciphertext) {
        }
        List<Moved> moved = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT campaign_id, key_id, phone_ciphertext FROM campaign_member m WHERE contact_id = ?
                AND NOT EXISTS (SELECT 1 FROM campaign_member s WHERE s.campaign_id = m.campaign_id
                                AND s.contact_id = ?)""")) {
            select.setObject(1, merge.mergedId());
            select.setObject(2, merge.survivorId());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    moved.add(new Moved(rows.getObject(1, UUID.class), rows.getString(2), rows.getBytes(3)));
                }
            }
        }
        try (PreparedStatement rekey = connection.prepareStatement("""
                UPDATE campaign_member SET contact_id = ?, phone_ciphertext = ?, key_id = ?
                WHERE campaign_id = ? AND contact_id = ?""")) {
            for (Moved member : moved) {
                String e164 = numbers.open(member.campaignId(), merge.mergedId(), member.keyId(), member.ciphertext());
                FieldCipher.Sealed sealed = numbers.seal(member.campaignId(), merge.survivorId(), e164);
                rekey.setObject(1, merge.survivorId());
                rekey.setBytes(2, sealed.ciphertext());
                rekey.setString(3, sealed.keyId());
                rekey.setObject(4, member.campaignId());
                rekey.setObject(5, merge.mergedId());
                rekey.addBatch();
            }
            rekey.executeBatch();
        }
        // Where the survivor was already a member, the merged contact's membership is a duplicate; a finished one
        // (a refusal, a sale) finishes the survivor's too, so the customer is not called again.
        try (PreparedStatement finishSurvivor = connection.prepareStatement("""
                UPDATE campaign_member s SET state = 'DONE', outcome = m.outcome, lease_id = NULL,
                       lease_operator = NULL, lease_expires_at = NULL
                FROM campaign_member m
                WHERE m.contact_id = ? AND m.state = 'DONE' AND s.campaign_id = m.campaign_id AND s.contact_id = ?
                  AND s.state <> 'DONE'""");
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM campaign_member WHERE contact_id = ?")) {
            finishSurvivor.setObject(1, merge.mergedId());
            finishSurvivor.setObject(2, merge.survivorId());
            finishSurvivor.executeUpdate();
            delete.setObject(1, merge.mergedId());
            delete.executeUpdate();
        }
    }

    private static void erased(Connection connection, ContactErased erased) throws Exception {
        List<UUID> ids = new ArrayList<>();
        if (erased.contactIds() != null) {
            ids.addAll(erased.contactIds());
        }
        if (erased.contactId() != null) {
            ids.add(erased.contactId());
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM campaign_member WHERE contact_id = ANY(?)")) {
            delete.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            delete.executeUpdate();
        }
    }
}
