package io.dialright.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * A throw-away cluster whose JVM was killed by a signal (no shutdown hook ran) is stopped and deleted by the next
 * sweep; the cluster of a JVM still running is not touched.
 */
class OrphanedClustersTest {

    /** The JVM that is killed: starts a throw-away cluster, says where it lives, and waits. */
    public static final class Owner {
        public static void main(String[] args) throws Exception {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(null, 0);
            System.out.println("DATA " + server.dataDirectory());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void theClusterOfAKilledJvmIsStoppedAndDeletedAndALiveJvmsClusterIsLeftAlone() throws Exception {
        Path tempDir = Path.of(System.getProperty("java.io.tmpdir"));
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Owner.class.getName())
                .redirectErrorStream(true).start();
        Path orphan;
        try (BufferedReader output = new BufferedReader(new InputStreamReader(owner.getInputStream(),
                StandardCharsets.UTF_8))) {
            orphan = output.lines().filter(line -> line.startsWith("DATA ")).findFirst()
                    .map(line -> Path.of(line.substring(5))).orElseThrow();
        }
        owner.destroyForcibly();
        assertThat(owner.waitFor(10, TimeUnit.SECONDS)).isTrue();
        ProcessHandle postmaster = ProcessHandle.of(Long.parseLong(
                Files.readAllLines(orphan.resolve("postmaster.pid")).get(0).strip())).orElseThrow();
        assertThat(postmaster.isAlive()).as("PostgreSQL outlives the JVM killed by a signal").isTrue();

        List<Path> deleted = OrphanedClusters.sweep(tempDir);

        assertThat(deleted).contains(orphan);
        assertThat(postmaster.isAlive()).isFalse();
        assertThat(orphan).doesNotExist();
        try (EmbeddedPostgresServer mine = EmbeddedPostgresServer.start(null, 0)) {
            assertThat(OrphanedClusters.sweep(tempDir)).doesNotContain(mine.dataDirectory());
            assertThat(mine.dataDirectory().resolve("postmaster.pid")).exists();
        }
    }
}
