package io.dialright.contact;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import io.dialright.access.Revocation;
import io.dialright.access.Revoker;
import io.dialright.access.SubjectRevokedCodec;
import io.dialright.platform.security.CachingJwtParser;
import io.dialright.platform.security.RevokedTokenAugmentor;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.dialright.testsupport.TestTokens;
import io.dialright.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.auth.principal.JWTParser;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A dismissed employee calls the service directly, bypassing the gateway: once the gateway has published
 * {@code SubjectRevoked} on the real broker, the tokens issued up to the revocation are refused with 401, and tokens
 * issued later (or of anybody else) still work. Every test revokes a subject of its own: the compacted topic is shared
 * by all test classes of this JVM. (A token without {@code iat} never gets this far: the JWT verification here
 * already refuses it; access-list's tests cover the rule for it.) The service remembers verified tokens until their
 * {@code exp} ({@link CachingJwtParser}): a token served before the revocation is remembered, and still refused after.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "contact"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(EncryptionKeysResource.class)
class RevokedSubjectTest {

    private static final Revoker ADMIN = new Revoker("admin-1", List.of("admin"), null);
    private static final Duration AT_ONCE = Duration.ofSeconds(5);
    private static final PatternFormatter MESSAGE_ONLY = new PatternFormatter("%s");

    /** Held here: the log manager keeps loggers only weakly, and the handler must stay attached. */
    private final Logger augmentorLog = Logger.getLogger(RevokedTokenAugmentor.class.getName());
    private final List<String> refusalLog = new CopyOnWriteArrayList<>();

    @Inject
    JWTParser tokenParser;
    private final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            refusalLog.add(MESSAGE_ONLY.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void captureRefusals() {
        augmentorLog.addHandler(logCapture);
    }

    @AfterEach
    void stopCapturing() {
        augmentorLog.removeHandler(logCapture);
    }

    @Test
    void tokensIssuedUpToTheRevocationAreRefusedWith401AndLaterOnesPass() {
        String dismissed = "operator-dismissed-" + UUID.randomUUID();
        Instant effective = Instant.now().minusSeconds(60);
        String issuedBefore = operatorToken(dismissed, effective.getEpochSecond() - 60);
        String issuedInTheSameSecond = operatorToken(dismissed, effective.getEpochSecond());
        String issuedAfter = operatorToken(dismissed, effective.getEpochSecond() + 1);
        checkNumber(issuedBefore).statusCode(200); // verified, and now remembered by the service's token parser

        revoke(dismissed, effective, "dismissed on 2026-11-28");

        await().atMost(AT_ONCE).untilAsserted(() -> assertRefused(issuedBefore));
        assertRefused(issuedInTheSameSecond);
        checkNumber(issuedAfter).statusCode(200);
    }

    @Test
    void theServiceVerifiesTokensWithThePlatformsRememberingParser() {
        // What makes the first test prove that a remembered token is refused once its subject is revoked.
        assertThat(tokenParser).isInstanceOf(CachingJwtParser.class);
    }

    @Test
    void otherSubjectsAreServed() {
        String dismissed = "operator-dismissed-" + UUID.randomUUID();
        String dismissedToken = Fixtures.operator(dismissed, "team-a");
        String colleague = "operator-colleague-" + UUID.randomUUID();

        revoke(dismissed, Instant.now(), "dismissed");

        await().atMost(AT_ONCE).untilAsserted(() -> assertRefused(dismissedToken));
        checkNumber(Fixtures.operator(colleague, "team-a")).statusCode(200);
    }

    @Test
    void aRefusalIsLoggedWithSubjectAndReasonButNotTheToken() {
        String dismissed = "operator-dismissed-" + UUID.randomUUID();
        String token = Fixtures.operator(dismissed, "team-a");

        revoke(dismissed, Instant.now(), "dismissed for cause");

        await().atMost(AT_ONCE).untilAsserted(() -> assertRefused(token));
        assertThat(refusalLog).anySatisfy(line -> assertThat(line)
                .contains(dismissed).contains("dismissed for cause").doesNotContain(token)
                .doesNotContain(token.substring(token.lastIndexOf('.') + 1)));
    }

    @Test
    void readinessReportsTheLoadedList() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'revocations' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'revocations' }.data.list", equalTo("loaded"))
                .body("checks.find { it.name == 'revocations' }.data.feed", equalTo("following"));
    }

    private static void revoke(String subject, Instant effectiveAt, String reason) {
        TopicProbe.send(SubjectRevokedCodec.record(new Revocation(subject, effectiveAt, reason), ADMIN, "gateway"));
    }

    /** A valid operator token (expiring in 15 minutes) issued at {@code issuedAt}. */
    private static String operatorToken(String subject, long issuedAt) {
        Map<String, Object> claims = TestTokens.claims(subject, "operator", "team-a");
        claims.put("iat", issuedAt);
        return TestTokens.sign(claims);
    }

    private static ValidatableResponse checkNumber(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("number", "8 (495) 123-45-67"))
                .post("/api/contacts/number-checks").then();
    }

    private static void assertRefused(String token) {
        checkNumber(token).statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401));
    }
}
