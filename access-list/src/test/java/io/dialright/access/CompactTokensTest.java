package io.dialright.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.dialright.localstack.DevKeys;
import io.dialright.localstack.DevTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactTokensTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static String token;

    @BeforeAll
    static void signOne(@TempDir Path keys) {
        token = DevTokens.sign(DevKeys.loadOrCreate(keys), DevTokens.claims("operator-1", List.of("operator"),
                "team-a", Duration.ofMinutes(15), "dialright-test"));
    }

    @Test
    void anIssuersRs256TokenIsCanonical() {
        assertThat(CompactTokens.isCanonical(token)).isTrue();
    }

    @Test
    void spellingsALenientDecoderReadsAsTheSameSignatureAreNot() {
        String signature = token.substring(token.lastIndexOf('.') + 1);
        String signed = token.substring(0, token.lastIndexOf('.') + 1);
        char last = signature.charAt(signature.length() - 1);

        assertThat(CompactTokens.isCanonical(token + "=")).as("padding").isFalse();
        assertThat(CompactTokens.isCanonical(token + "==")).as("padding").isFalse();
        assertThat(CompactTokens.isCanonical(signed + "~" + signature)).as("a character outside the alphabet")
                .isFalse();
        assertThat(CompactTokens.isCanonical(signed + "+" + signature.substring(1)))
                .as("a character of the other base64 alphabet").isFalse();
        assertThat(CompactTokens.isCanonical(signed + signature.substring(0, signature.length() - 1)
                + ALPHABET.charAt(ALPHABET.indexOf(last) | 1))).as("an unused bit of the last character set")
                .isFalse();
        // 342 characters of an RS256 signature + 3: a length (4n + 1) that no number of bytes encodes to.
        assertThat(CompactTokens.isCanonical(token + "AAA")).as("a length no byte count encodes to").isFalse();
    }

    @Test
    void anythingButThreeNonEmptyPartsIsNot() {
        String[] parts = token.split("\\.");

        assertThat(CompactTokens.isCanonical(parts[0] + "." + parts[1] + ".")).as("alg none: no signature")
                .isFalse();
        assertThat(CompactTokens.isCanonical(parts[0] + "." + parts[1])).isFalse();
        assertThat(CompactTokens.isCanonical(token + "." + parts[2])).as("five parts, as a JWE has").isFalse();
        assertThat(CompactTokens.isCanonical("." + parts[1] + "." + parts[2])).isFalse();
        assertThat(CompactTokens.isCanonical(parts[0] + ".." + parts[2])).isFalse();
        assertThat(CompactTokens.isCanonical("")).isFalse();
    }
}
