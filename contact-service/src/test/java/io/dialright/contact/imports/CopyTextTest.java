package io.dialright.contact.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CopyTextTest {

    @Test
    void plainValuesGoAsTheyAreAndNullIsBackslashN() {
        CopyText row = new CopyText().value("Anna Petrova").value(null).value(42);
        row.endRow();

        assertThat(row.toString()).isEqualTo("Anna Petrova\t\\N\t42\n");
    }

    @Test
    void separatorsLineBreaksAndBackslashesInsideAValueAreEscaped() {
        CopyText row = new CopyText().value("a\tb\nc\rd\\e").value("next");
        row.endRow();

        assertThat(row.toString()).isEqualTo("a\\tb\\nc\\rd\\\\e\tnext\n");
    }

    @Test
    void arraysQuoteEveryElement() {
        CopyText row = new CopyText().array(List.of("vip", "say \"hi\"", "back\\slash"));
        row.endRow();

        assertThat(row.toString()).isEqualTo("{\"vip\",\"say \\\\\"hi\\\\\"\",\"back\\\\\\\\slash\"}\n");
    }
}
