package io.dialright.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.dialright.localstack.EmbeddedKafkaBroker;
import io.dialright.localstack.EmbeddedPostgresServer;
import io.dialright.localstack.FreePorts;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.testsupport.TestTokens;

/**
 * One PostgreSQL, one Kafka broker and the packaged contact-service, consent-service, dialer-service, audit-service
 * and gateway as separate processes on free ports, configured through environment variables exactly as ./dialright up
 * configures them.
 */
final class LocalSuite implements AutoCloseable {

    /** Every integration client's webhook secret for signed call events (X-Signature) in the suite. */
    static final String WEBHOOK_SECRET = "system-test-webhook-secret";

    final EmbeddedPostgresServer postgres;
    final EmbeddedKafkaBroker broker;
    final BlindIndex blindIndex;
    final ServiceProcess contact;
    final ServiceProcess consent;
    final ServiceProcess dialer;
    final ServiceProcess audit;
    final ServiceProcess gateway;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Function<String, List<String>> javaOptions;
    private final Path importSpool;

    /** The services with the JVM options of tests (quickest start). */
    LocalSuite() throws Exception {
        this(module -> ServiceProcess.TEST_JAVA_OPTIONS);
    }

    /** @param javaOptions the JVM options of each service, by module name */
    LocalSuite(Function<String, List<String>> javaOptions) throws Exception {
        this.javaOptions = javaOptions;
        Path root = Path.of(System.getProperty("dialright.root", "..")).toAbsolutePath().normalize();
        postgres = EmbeddedPostgresServer.start(null, 0);
        postgres.createDatabases(List.of("contact", "consent", "dialer", "audit"));
        broker = new EmbeddedKafkaBroker(Files.createTempDirectory("system-kafka"), 0, 0);
        broker.start();
        importSpool = Files.createTempDirectory("system-imports");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        blindIndex = new BlindIndex(key);

        Map<String, String> common = new HashMap<>();
        common.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", TestTokens.keys().publicKeyFile().toString());
        common.put("MP_JWT_VERIFY_ISSUER", TestTokens.ISSUER);
        common.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        common.put("DIALRIGHT_BLIND_INDEX_KEY", Base64.getEncoder().encodeToString(key));
        common.put("QUARKUS_DATASOURCE_USERNAME", postgres.username());
        common.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());

        try {
            // contact-service and dialer-service seal numbers with key rings of their own (id:base64), as
            // ./dialright keys writes them.
            Map<String, String> contactEnvironment = new HashMap<>(common);
            contactEnvironment.put("DIALRIGHT_CONTACT_ENCRYPTION_KEY_RING", newKeyRing());
            contactEnvironment.put("DIALRIGHT_CONTACT_ENCRYPTION_PRIMARY_KEY_ID", "k1");
            contactEnvironment.put("DIALRIGHT_CONTACT_IMPORTS_SPOOL_DIR", importSpool.toString());
            contact = service(root, "contact-service", contactEnvironment, "contact");
            consent = service(root, "consent-service", common, "consent");
            Map<String, String> dialerEnvironment = new HashMap<>(common);
            dialerEnvironment.put("DIALRIGHT_DIALER_ENCRYPTION_KEY_RING", newKeyRing());
            dialerEnvironment.put("DIALRIGHT_DIALER_ENCRYPTION_PRIMARY_KEY_ID", "k1");
            dialerEnvironment.put("DIALRIGHT_DIALER_CONTACTS_URL", contact.baseUrl());
            dialerEnvironment.put("DIALRIGHT_DIALER_CONSENT_URL", consent.baseUrl());
            dialerEnvironment.put("DIALRIGHT_DIALER_WEBHOOKS_DEFAULT_SECRET", WEBHOOK_SECRET);
            dialer = service(root, "dialer-service", dialerEnvironment, "dialer");
            Map<String, String> auditEnvironment = new HashMap<>(common);
            auditEnvironment.put("DIALRIGHT_AUDIT_CHECKPOINTS_DIR", Files.createTempDirectory("system-audit").toString());
            audit = service(root, "audit-service", auditEnvironment, "audit");
            Map<String, String> gatewayEnvironment = new HashMap<>(common);
            gatewayEnvironment.put("DIALRIGHT_GATEWAY_SERVICES_CONTACT", contact.baseUrl());
            gatewayEnvironment.put("DIALRIGHT_GATEWAY_SERVICES_CONSENT", consent.baseUrl());
            gatewayEnvironment.put("DIALRIGHT_GATEWAY_SERVICES_DIALER", dialer.baseUrl());
            gatewayEnvironment.put("DIALRIGHT_GATEWAY_SERVICES_AUDIT", audit.baseUrl());
            // Tests and benchmarks send thousands of requests per second as a handful of subjects; the limits
            // themselves are proven by the gateway's LimitsTest.
            for (String limit : List.of("PER_SUBJECT_RATE", "PER_SUBJECT_BURST", "PER_CLIENT_RATE",
                    "PER_CLIENT_BURST", "UNAUTHENTICATED_RATE", "UNAUTHENTICATED_BURST")) {
                gatewayEnvironment.put("DIALRIGHT_GATEWAY_RATE_LIMITS_" + limit, "1000000");
            }
            gateway = ServiceProcess.start(root, "gateway", FreePorts.next(), gatewayEnvironment,
                    javaOptions.apply("gateway"));
            services.add(gateway);
            for (ServiceProcess service : services) {
                service.awaitReady(Duration.ofSeconds(120));
            }
        } catch (RuntimeException | Error e) {
            // The caller never gets the suite to close: stop what did start.
            close();
            throw e;
        }
    }

    /** The telephony platform's signature of a call-event body: HMAC-SHA256 with the suite's webhook secret. */
    static String webhookSignature(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** A one-key ring {@code k1:<base64 of 32 random bytes>}. */
    private static String newKeyRing() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "k1:" + Base64.getEncoder().encodeToString(key);
    }

    private ServiceProcess service(Path root, String module, Map<String, String> common, String database) {
        Map<String, String> environment = new HashMap<>(common);
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
        ServiceProcess service = ServiceProcess.start(root, module, FreePorts.next(), environment,
                javaOptions.apply(module));
        services.add(service);
        return service;
    }

    @Override
    public void close() {
        services.forEach(ServiceProcess::close);
        broker.stop();
        postgres.close();
        try (Stream<Path> files = Files.walk(importSpool)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
