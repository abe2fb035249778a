package io.dialright.localstack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The launcher behind {@code ./dialright}: each command does one thing and says so on standard output.
 *
 * <pre>
 * postgres --data DIR --port 5432 --databases contact,consent,dialer,audit   (runs until SIGTERM)
 * kafka    --data DIR --port 9092 --controller-port 9093                     (runs until SIGTERM)
 * keys     --dir DIR                                                          (prints the public key file)
 * token    --keys DIR --role ROLE [--sub S] [--team T] [--ttl 15m] [--issuer I] [--scope "S1 S2"]
 * </pre>
 */
public final class LocalStack {

    /** The line the long-running commands print once they accept connections. */
    public static final String READY = "READY";

    private LocalStack() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0) {
            usage();
            return;
        }
        Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
        switch (args[0]) {
            case "postgres" -> runPostgres(options);
            case "kafka" -> runKafka(options);
            case "keys" -> System.out.println(DevKeys.loadOrCreate(Path.of(required(options, "dir"))).publicKeyFile());
            case "token" -> System.out.println(token(options));
            default -> usage();
        }
    }

    private static void runPostgres(Map<String, String> options) throws InterruptedException {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(required(options, "data")),
                Integer.parseInt(options.getOrDefault("port", "5432")));
        server.createDatabases(List.of(options.getOrDefault("databases", "").split(",")).stream()
                .filter(name -> !name.isBlank()).toList());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-shutdown"));
        System.out.println(READY + " postgres on " + server.jdbcUrl(""));
        new CountDownLatch(1).await();
    }

    private static void runKafka(Map<String, String> options) throws InterruptedException {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(Path.of(required(options, "data")),
                Integer.parseInt(options.getOrDefault("port", "9092")),
                Integer.parseInt(options.getOrDefault("controller-port", "9093")));
        broker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kafka-shutdown"));
        System.out.println(READY + " kafka on " + broker.bootstrapServers());
        new CountDownLatch(1).await();
    }

    private static String token(Map<String, String> options) {
        DevKeys keys = DevKeys.loadOrCreate(Path.of(required(options, "keys")));
        String role = required(options, "role");
        List<String> roles = List.of(role.split(","));
        Map<String, Object> claims = DevTokens.claims(
                options.getOrDefault("sub", role + "-1"),
                roles,
                options.get("team"),
                DevTokens.parseTtl(options.getOrDefault("ttl", "15m")),
                options.getOrDefault("issuer", DevTokens.DEFAULT_ISSUER),
                scopes(options.get("scope"), roles));
        return DevTokens.sign(keys, claims);
    }

    /**
     * The scopes asked for with {@code --scope} (space-separated); without it, an integration token gets every scope
     * (a development convenience) and other tokens none.
     */
    static List<String> scopes(String scope, List<String> roles) {
        if (scope != null) {
            return List.of(scope.trim().split("\\s+")).stream().filter(name -> !name.isEmpty()).toList();
        }
        return roles.contains(DevTokens.INTEGRATION) ? DevTokens.ALL_SCOPES : null;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --name value pairs, got: " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing --" + name);
        }
        return value;
    }

    private static void usage() {
        System.err.println("usage: LocalStack postgres|kafka|keys|token [--option value ...]");
        System.exit(2);
    }
}
