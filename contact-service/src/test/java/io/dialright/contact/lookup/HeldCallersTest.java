package io.dialright.contact.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The bounds of {@link HeldCallers}: how many, how old, and which entry a late remover may take back. */
class HeldCallersTest {

    @Test
    void whenFullWhatWasAskedForSinceTheLastSweepStaysAndATenthIsFreed() {
        HeldCallers<String> held = new HeldCallers<>(100, Duration.ofHours(1));
        IntStream.range(0, 101).forEach(i -> held.put("n" + i, "card " + i)); // the first sweep: all new, 11 go
        assertThat(held.size()).isEqualTo(90);
        List<String> askedFor = IntStream.range(0, 101).mapToObj(i -> "n" + i)
                .filter(key -> held.get(key) != null).limit(30).toList();

        IntStream.range(0, 11).forEach(i -> held.put("m" + i, "card m" + i)); // 101 again: the second sweep

        assertThat(held.size()).isLessThanOrEqualTo(90);
        askedFor.forEach(key -> assertThat(held.get(key)).as("asked for: " + key).isNotNull());
        IntStream.range(0, 11).forEach(i -> assertThat(held.get("m" + i)).as("new: m" + i).isNotNull());
    }

    @Test
    void whenEverythingWasAskedForArbitraryEntriesMakeTheRoom() {
        HeldCallers<String> held = new HeldCallers<>(100, Duration.ofHours(1));
        IntStream.range(0, 100).forEach(i -> held.put("n" + i, "card " + i));
        IntStream.range(0, 100).forEach(i -> held.get("n" + i));

        held.put("n100", "card 100");

        assertThat(held.size()).isEqualTo(90);
    }

    @Test
    void nothingOlderThanTheMaximumAgeIsGiven() {
        HeldCallers<String> held = new HeldCallers<>(100, Duration.ZERO);
        held.put("n1", "card 1");

        assertThat(held.get("n1")).isNull();
        assertThat(held.size()).isZero();
    }

    @Test
    void aRemoverTakesBackOnlyTheEntryItPut() {
        HeldCallers<String> held = new HeldCallers<>(100, Duration.ofHours(1));
        HeldCallers.Entry<String> stale = held.put("n1", "old card");
        held.put("n1", "new card");

        held.remove("n1", stale);

        assertThat(held.get("n1")).isEqualTo("new card");
    }
}
