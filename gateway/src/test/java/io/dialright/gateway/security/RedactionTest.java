package io.dialright.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcGVyYXRvci0xIn0.c2lnbmF0dXJlLWJ5dGVz";

    @Test
    void tokenInsideMessageIsReplaced() {
        Exception failure = new IllegalStateException("Failed to verify a token",
                new RuntimeException("Invalid JWS Signature: JsonWebSignature{\"alg\":\"RS256\"}->" + JWT));

        String reason = Redaction.reason(failure, null);

        assertThat(reason).contains("Failed to verify a token", "Invalid JWS Signature", "<token>");
        assertThat(reason).doesNotContain("eyJzdWIiOiJvcGVyYXRvci0xIn0", "c2lnbmF0dXJlLWJ5dGVz");
    }

    @Test
    void opaqueTokenEchoedByParserIsReplaced() {
        String opaque = "sess-4f1c9a77b2";
        Exception failure = new RuntimeException("Unable to process JOSE object: " + opaque);

        assertThat(Redaction.reason(failure, opaque)).doesNotContain(opaque).contains("<token>");
    }

    @Test
    void claimValidationDetailsAreKept() {
        String reason = Redaction.reason(new RuntimeException(
                "The JWT is no longer valid - the evaluation time is on or after the Expiration Time"), JWT);

        assertThat(reason).contains("Expiration Time");
    }

    @Test
    void configurationKeysInMessagesStayReadable() {
        String reason = Redaction.reason(new RuntimeException(
                "Failed to read the public key content from 'mp.jwt.verify.publickey.location'"), null);

        assertThat(reason).contains("mp.jwt.verify.publickey.location");
    }

    @Test
    void veryLongMessagesAreCut() {
        assertThat(Redaction.reason(new RuntimeException("x ".repeat(2000)), null)).hasSizeLessThan(510);
    }
}
