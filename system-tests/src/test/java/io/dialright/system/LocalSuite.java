package io.dialright.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dialright.localstack.EmbeddedKafkaBroker;
import io.dialright.localstack.EmbeddedPostgresServer;
import io.dialright.localstack.FreePorts;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.testsupport.TestTokens;

/**
 * One PostgreSQL, one Kafka broker and the packaged consent-service, dialer-service and gateway as separate
 * processes on free ports, configured through environment variables exactly as ./dialright up configures them.
 */
final class LocalSuite implements AutoCloseable {

    final EmbeddedPostgresServer postgres;
    final EmbeddedKafkaBroker broker;
    final BlindIndex blindIndex;
    final ServiceProcess gateway;
    private final List<ServiceProcess> services = new ArrayList<>();

    LocalSuite() throws Exception {
        Path root = Path.of(System.getProperty("dialright.root", "..")).toAbsolutePath().normalize();
        postgres = EmbeddedPostgresServer.start(null, 0);
        postgres.createDatabases(List.of("consent", "dialer"));
        broker = new EmbeddedKafkaBroker(Files.createTempDirectory("system-kafka"), 0, 0);
        broker.start();
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

        ServiceProcess consent = service(root, "consent-service", common, "consent");
        ServiceProcess dialer = service(root, "dialer-service", common, "dialer");
        Map<String, String> gatewayEnvironment = new HashMap<>(common);
        gatewayEnvironment.put("DIALRIGHT_GATEWAY_SERVICES_CONSENT", consent.baseUrl());
        gatewayEnvironment.put("DIALRIGHT_GATEWAY_SERVICES_DIALER", dialer.baseUrl());
        gateway = ServiceProcess.start(root, "gateway", FreePorts.next(), gatewayEnvironment);
        services.add(gateway);
        for (ServiceProcess service : services) {
            service.awaitReady(Duration.ofSeconds(120));
        }
    }

    private ServiceProcess service(Path root, String module, Map<String, String> common, String database) {
        Map<String, String> environment = new HashMap<>(common);
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
        ServiceProcess service = ServiceProcess.start(root, module, FreePorts.next(), environment);
        services.add(service);
        return service;
    }

    @Override
    public void close() {
        services.forEach(ServiceProcess::close);
        broker.stop();
        postgres.close();
    }
}
