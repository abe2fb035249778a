package io.dialright.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The figures file ./dialright bench reads: one tab-separated row per figure, ceilings as full keys. */
class BenchmarkFiguresTest {

    @TempDir
    Path directory;

    @Test
    void eachFigureIsOneRowWithItsCeilingAsAFullKeyAndItsTarget() throws Exception {
        Path file = new BenchmarkFigures("import")
                .add("copy_rows_per_s", "COPY of the same rows", 30375.25, "rows/s")
                .add("import_rows_per_s", "import end to end", 9748, "rows/s", "copy_rows_per_s", ">= 20000")
                .add("lookup_p99_ms", "lookup p99", 12.5, "ms", "ceilings.http_gateway_c8_p99_ms", "<= 10")
                .write(directory);

        assertThat(file).hasFileName("import.figures.tsv");
        assertThat(Files.readAllLines(file)).containsExactly(
                "# key\tfigure\tvalue\tunit\tceiling\ttarget",
                "import.copy_rows_per_s\tCOPY of the same rows\t30375.2500\trows/s\t\t",
                "import.import_rows_per_s\timport end to end\t9748.0000\trows/s\timport.copy_rows_per_s\t>= 20000",
                "import.lookup_p99_ms\tlookup p99\t12.5000\tms\tceilings.http_gateway_c8_p99_ms\t<= 10");
    }

    @Test
    void aMissingFigureIsNaNAndTabsInTextCannotBreakTheColumns() throws Exception {
        Path file = new BenchmarkFigures("lookup")
                .add("pgbench_tps", "pgbench\t-S\nnot installed", Double.NaN, "tps")
                .write(directory);

        assertThat(Files.readAllLines(file)).last()
                .isEqualTo("lookup.pgbench_tps\tpgbench -S not installed\tNaN\ttps\t\t");
    }

    @Test
    void keysWithADotOrUpperCaseAreRefused() {
        BenchmarkFigures figures = new BenchmarkFigures("audit");

        assertThatThrownBy(() -> figures.add("ingest.rate", "x", 1, "1/s"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> figures.add("Ingest", "x", 1, "1/s"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BenchmarkFigures("a b")).isInstanceOf(IllegalArgumentException.class);
    }
}
