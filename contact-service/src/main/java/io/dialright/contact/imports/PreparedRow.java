package io.dialright.contact.imports;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import io.dialright.contact.crypto.PhoneVault;
import io.dialright.contact.domain.RowIds;
import io.dialright.contact.messaging.ContactEvents;
import io.dialright.platform.crypto.FieldCipher;
import io.dialright.platform.events.EventCodec;
import io.dialright.platform.phone.PhoneNumber;

/**
 * A valid row with everything computed that needs no database — ids, blind indexes, sealed numbers, its
 * {@code COPY} lines (UTF-8, the connection's encoding) and the contact's state as the JSON of its event — so that
 * work is done while the previous batch is written, and the thread holding the database connection only copies.
 */
record PreparedRow(long line, List<String> phoneHashes, byte[] contactLine, byte[] phoneLines, RawValue stateJson) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the rows of one batch share, worked out once for all of them (prepared on several threads): the time
     * they are created, as text too, and the {@code sources} lists, one per source channel and campaign.
     */
    static final class Stamp {

        private final Instant now;
        private final String text;
        private final Map<List<String>, String> sources = new ConcurrentHashMap<>();

        Stamp(Instant now) {
            this.now = now;
            this.text = now.toString();
        }

        /** The contact's {@code sources} list as the entity stores it: one entry, this import's. */
        String sourcesOf(RowNormaliser.NormalRow row) {
            return sources.computeIfAbsent(Arrays.asList(row.source().name(), row.campaign()), key -> {
                Map<String, String> source = new LinkedHashMap<>();
                source.put("channel", key.get(0));
                if (key.get(1) != null) {
                    source.put("campaign", key.get(1));
                }
                source.put("recordedAt", text);
                try {
                    return JSON.writeValueAsString(List.of(source));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("A map of strings is always JSON", e);
                }
            });
        }
    }

    static PreparedRow of(RowNormaliser.NormalRow row, ImportBatchWriter.Context context, PhoneVault vault,
                          Stamp stamp) {
        Instant now = stamp.now;
        UUID contactId = RowIds.next();
        String createdAt = stamp.text;
        List<String> hashes = new ArrayList<>(row.phones().size());
        List<ContactEvents.PhoneFacts> facts = new ArrayList<>(row.phones().size());
        StringBuilder phoneLines = new StringBuilder(256 * row.phones().size());
        int position = 0;
        for (RowNormaliser.Phone phone : row.phones()) {
            PhoneNumber number = phone.number();
            UUID phoneId = RowIds.next();
            String hash = vault.blindIndexOf(number.e164());
            FieldCipher.Sealed sealed = vault.seal(phoneId, number.e164());
            hashes.add(hash);
            facts.add(new ContactEvents.PhoneFacts(phoneId, hash, number.masked(), number.type().name(),
                    number.region(), number.timeZones(), phone.label()));
            CopyText line = new CopyText().value(phoneId).value(contactId).value(position++).value(hash)
                    .bytes(sealed.ciphertext()).value(sealed.keyId()).value(number.masked()).value(number.type())
                    .value(number.region()).array(number.timeZones()).value(phone.label()).value(phone.comment())
                    .value(createdAt);
            line.endRow();
            phoneLines.append(line);
        }
        CopyText contact = new CopyText().value(contactId).value(row.name()).value(row.email()).value(row.status())
                .array(row.tags()).value(stamp.sourcesOf(row)).value(context.team()).value(row.timeZone())
                .value(context.actor().subject()).value(createdAt).value(createdAt);
        contact.endRow();
        ContactEvents.ContactState state = new ContactEvents.ContactState(contactId, row.status().name(),
                row.tags(), context.team(), new ContactEvents.Source(row.source().name(), row.campaign()), facts,
                row.timeZone(), null, List.of(), now);
        return new PreparedRow(row.line(), List.copyOf(hashes), contact.toString().getBytes(StandardCharsets.UTF_8),
                phoneLines.toString().getBytes(StandardCharsets.UTF_8), EventCodec.fragment(state));
    }
}
