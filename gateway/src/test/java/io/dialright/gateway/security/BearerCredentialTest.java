package io.dialright.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class BearerCredentialTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

    @Test
    void singleBearerHeaderGivesToken() {
        assertThat(BearerCredential.from(List.of("Bearer " + JWT)).token()).isEqualTo(JWT);
    }

    @Test
    void schemeIsCaseInsensitive() {
        assertThat(BearerCredential.from(List.of("bearer " + JWT)).token()).isEqualTo(JWT);
    }

    @Test
    void missingHeaderIsRefused() {
        assertThat(BearerCredential.from(List.of()).present()).isFalse();
    }

    @Test
    void twoHeadersAreRefused() {
        BearerCredential credential = BearerCredential.from(List.of("Bearer " + JWT, "Bearer " + JWT));
        assertThat(credential.present()).isFalse();
        assertThat(credential.refusal()).contains("2 Authorization headers");
    }

    @Test
    void otherSchemesAreRefused() {
        assertThat(BearerCredential.from(List.of("Basic dXNlcjpwYXNz")).present()).isFalse();
        assertThat(BearerCredential.from(List.of("Bearer")).present()).isFalse();
        assertThat(BearerCredential.from(List.of("Bearer ")).present()).isFalse();
        assertThat(BearerCredential.from(List.of("BearerX " + JWT)).present()).isFalse();
    }

    @Test
    void tokenWithSpacesOrCommasIsRefused() {
        assertThat(BearerCredential.from(List.of("Bearer " + JWT + " " + JWT)).present()).isFalse();
        assertThat(BearerCredential.from(List.of("Bearer " + JWT + "," + JWT)).present()).isFalse();
    }

    @Test
    void b64TokenAllowsItsAlphabetAndOnlyTrailingPadding() {
        assertThat(BearerCredential.isB64Token("aZ09-._~+/==")).isTrue();
        assertThat(BearerCredential.isB64Token("eyJh.eyJz.c2ln")).isTrue();
        assertThat(BearerCredential.isB64Token("a=b")).isFalse();
        assertThat(BearerCredential.isB64Token("==")).isFalse();
        assertThat(BearerCredential.isB64Token("a b")).isFalse();
        assertThat(BearerCredential.isB64Token("a,b")).isFalse();
        assertThat(BearerCredential.isB64Token("тест")).isFalse();
    }

    @Test
    void toStringNeverShowsToken() {
        assertThat(BearerCredential.from(List.of("Bearer " + JWT)).toString()).doesNotContain(JWT);
    }
}
