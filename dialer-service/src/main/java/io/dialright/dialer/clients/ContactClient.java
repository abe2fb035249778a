package io.dialright.dialer.clients;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.dialer.config.DialerConfig;

/** contact-service as the dialer uses it: a segment's member ids, and the numbers of contacts to be called. */
@ApplicationScoped
public class ContactClient {

    /** One page of {@code GET /api/segments/{id}/members}; {@code next} is absent on the last page. */
    public record SegmentPage(List<UUID> contactIds, UUID next) {
    }

    public record Phone(UUID phoneId, String e164, String phoneHash, String masked, String type, String region,
                        List<String> timeZones, String label) {
    }

    public record Entry(UUID contactId, String status, String team, List<String> tags, String timeZone,
                        String preferredFrom, String preferredTo, String sourceChannel, List<Phone> phones) {
    }

    /** {@code POST /api/contacts/dial-list}: the contacts the caller may see in full, and those it may not. */
    public record DialList(List<Entry> items, List<UUID> notAvailable) {
    }

    private final ServiceHttp http;
    private final DialerConfig config;

    public ContactClient(ServiceHttp http, DialerConfig config) {
        this.http = http;
        this.config = config;
    }

    public SegmentPage segmentMembers(UUID segmentId, UUID after, int size, String bearer) {
        String query = "size=" + size + (after == null ? "" : "&after=" + after);
        return http.get(uri("/api/segments/" + segmentId + "/members?" + query), bearer,
                config.contacts().timeout(), SegmentPage.class);
    }

    public DialList dialList(List<UUID> contactIds, String bearer) {
        return http.postQuery(uri("/api/contacts/dial-list"), bearer, config.contacts().timeout(),
                Map.of("contactIds", contactIds), DialList.class);
    }

    private URI uri(String path) {
        return URI.create(config.contacts().url() + path);
    }
}
