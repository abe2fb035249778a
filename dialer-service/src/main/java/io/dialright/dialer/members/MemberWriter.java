package io.dialright.dialer.members;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.dialer.campaign.Campaign;
import io.dialright.dialer.clients.ContactClient;
import io.dialright.dialer.rules.CalleeZones;
import io.dialright.platform.crypto.FieldCipher;

/**
 * Writes one batch of new members in one statement per table: sealed number, zone set, A/B variant, VIP flag. A
 * contact already in the campaign is left as it is (adding is idempotent); the number called is the contact's
 * first (its main) number.
 */
@ApplicationScoped
public class MemberWriter {

    public static final String VIP_TAG = "vip";

    /** What one batch did. */
    public record Written(int added, int alreadyMembers, int noNumber) {
    }

    private final MemberNumbers numbers;

    public MemberWriter(MemberNumbers numbers) {
        this.numbers = numbers;
    }

    public Written write(Connection connection, Campaign campaign, List<ContactClient.Entry> entries, Instant now)
            throws SQLException {
        int added = 0;
        int noNumber = 0;
        Map<String, CalleeZones> zoneSets = new HashMap<>();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO campaign_member (campaign_id, contact_id, phone_hash, phone_ciphertext, key_id, masked,
                                             region, zone_key, zone_confirmed, preferred_from, preferred_to, vip,
                                             source_channel, script_variant, state, added_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'READY', ?)
                ON CONFLICT (campaign_id, contact_id) DO NOTHING""")) {
            for (ContactClient.Entry entry : entries) {
                if (entry.phones() == null || entry.phones().isEmpty()) {
                    noNumber++;
                    continue;
                }
                ContactClient.Phone phone = entry.phones().get(0);
                CalleeZones zones = CalleeZones.of(entry.timeZone(), phone.region(),
                        phone.timeZones() == null ? List.of() : phone.timeZones());
                zoneSets.putIfAbsent(zones.key(), zones);
                FieldCipher.Sealed sealed = numbers.seal(campaign.id, entry.contactId(), phone.e164());
                insert.setObject(1, campaign.id);
                insert.setObject(2, entry.contactId());
                insert.setString(3, phone.phoneHash());
                insert.setBytes(4, sealed.ciphertext());
                insert.setString(5, sealed.keyId());
                insert.setString(6, phone.masked());
                insert.setString(7, phone.region());
                insert.setString(8, zones.key());
                insert.setBoolean(9, zones.confirmed());
                insert.setObject(10, time(entry.preferredFrom()));
                insert.setObject(11, time(entry.preferredTo()));
                insert.setBoolean(12, isVip(entry.tags()));
                insert.setString(13, entry.sourceChannel());
                insert.setString(14, ScriptSplit.variantOf(campaign.id, entry.contactId(), campaign.scriptVariants));
                insert.setTimestamp(15, Timestamp.from(now));
                insert.addBatch();
            }
            for (int count : insert.executeBatch()) {
                added += count > 0 ? 1 : 0;
            }
        }
        writeZoneSets(connection, campaign.id, zoneSets);
        return new Written(added, entries.size() - noNumber - added, noNumber);
    }

    public static boolean isVip(List<String> tags) {
        return tags != null && tags.stream().anyMatch(tag -> VIP_TAG.equals(tag.toLowerCase(Locale.ROOT)));
    }

    private static void writeZoneSets(Connection connection, UUID campaignId, Map<String, CalleeZones> zoneSets)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO campaign_zone_set (campaign_id, zone_key, zones, ambiguous) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")) {
            for (CalleeZones zones : zoneSets.values()) {
                Array ids = connection.createArrayOf("text",
                        zones.zones().stream().map(Object::toString).toArray());
                insert.setObject(1, campaignId);
                insert.setString(2, zones.key());
                insert.setArray(3, ids);
                insert.setBoolean(4, zones.ambiguous());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static LocalTime time(String value) {
        return value == null ? null : LocalTime.parse(value);
    }
}
