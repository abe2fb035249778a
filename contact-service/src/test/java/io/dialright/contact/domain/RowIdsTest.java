package io.dialright.contact.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class RowIdsTest {

    @Test
    void idsAreVersion7WithTheirMillisecondFirst() {
        long millis = 1_795_970_000_123L;
        UUID id = RowIds.at(millis);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
    }

    @Test
    void laterIdsSortAfterEarlierOnesAsPostgresqlComparesThem() {
        // PostgreSQL orders uuids by their bytes, unsigned, the way their text form sorts.
        UUID earlier = RowIds.at(1_795_970_000_123L);
        UUID later = RowIds.at(1_795_970_000_124L);

        assertThat(later.toString()).isGreaterThan(earlier.toString());
    }

    @Test
    void idsOfTheSameMillisecondDiffer() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(RowIds.at(1_795_970_000_123L));
        }

        assertThat(ids).hasSize(100_000);
    }
}
