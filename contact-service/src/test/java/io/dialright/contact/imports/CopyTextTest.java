package io.dialright.contact.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CopyTextTest {

    @Test
    void plainValuesGoAsTheyAreAndNullIsBackslashN() {
        CopyText row = new CopyText().value("Anna Petrova").value(null).value(42);
        row.endRow();

        assertThat(row.toString()).isEqualTo("Anna Petrova\t\\N\t42\n");
    }

    static Stream<Arguments> specialCharacters() {
        return Stream.of(Arguments.of("a\tb", "a\\tb"), Arguments.of("a\nb", "a\\nb"), Arguments.of("a\rb", "a\\rb"),
                Arguments.of("a\\b", "a\\\\b"));
    }

    @ParameterizedTest
    @MethodSource("specialCharacters")
    void aSeparatorLineBreakOrBackslashInsideAValueIsEscaped(String value, String escaped) {
        CopyText row = new CopyText().value(value).value("next");
        row.endRow();

        assertThat(row.toString()).isEqualTo(escaped + "\tnext\n");
    }

    @Test
    void arraysQuoteEveryElement() {
        CopyText row = new CopyText().array(List.of("vip", "say \"hi\"", "back\\slash"));
        row.endRow();

        assertThat(row.toString()).isEqualTo("{\"vip\",\"say \\\\\"hi\\\\\"\",\"back\\\\\\\\slash\"}\n");
    }

    @Test
    void anArrayElementWithALineBreakOrTabIsEscapedForCopyToo() {
        CopyText row = new CopyText().value("before").array(List.of("two\nlines", "a\ttab")).value("after");
        row.endRow();

        assertThat(row.toString()).isEqualTo("before\t{\"two\\nlines\",\"a\\ttab\"}\tafter\n");
    }
}
