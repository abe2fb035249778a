package io.dialright.localstack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Compact JWS serialisation with the JDK alone. RS256 is what Dialright accepts; the other forms exist so that tests
 * can prove that forged tokens (unsigned, HS256 keyed with the public key) are refused.
 */
public final class Jwts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Jwts() {
    }

    public static String rs256(Map<String, Object> claims, PrivateKey key, String keyId) {
        Map<String, Object> header = header("RS256");
        if (keyId != null) {
            header.put("kid", keyId);
        }
        String signingInput = encode(header) + "." + encode(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign the token", e);
        }
    }

    public static String hs256(Map<String, Object> claims, byte[] secret) {
        String signingInput = encode(header("HS256")) + "." + encode(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return signingInput + "." + BASE64URL.encodeToString(mac.doFinal(
                    signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign the token", e);
        }
    }

    public static String unsigned(Map<String, Object> claims) {
        return encode(header("none")) + "." + encode(claims) + ".";
    }

    private static Map<String, Object> header(String algorithm) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", algorithm);
        header.put("typ", "JWT");
        return header;
    }

    private static String encode(Map<String, Object> part) {
        try {
            return BASE64URL.encodeToString(JSON.writeValueAsBytes(part));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Token part is not serialisable", e);
        }
    }
}
