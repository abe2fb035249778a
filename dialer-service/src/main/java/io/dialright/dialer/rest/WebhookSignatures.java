package io.dialright.dialer.rest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.dialer.config.DialerConfig;
import io.dialright.platform.problem.ProblemException;

/**
 * The HMAC signature of call-event webhooks (D-4): {@code X-Signature: sha256=<hex HMAC-SHA256 of the raw body>}
 * with the secret configured for the posting client. The token says who posts; the signature proves the body is
 * what that client's telephony platform sent.
 */
@ApplicationScoped
public class WebhookSignatures {

    static final String PREFIX = "sha256=";

    private final DialerConfig config;

    public WebhookSignatures(DialerConfig config) {
        this.config = config;
    }

    public void verify(String client, byte[] body, String signature) {
        String secret = secretOf(client).orElseThrow(() -> new ProblemException(403, "Forbidden",
                "No webhook secret is configured for client '" + client + "': an administrator sets "
                        + "dialright.dialer.webhooks.secrets.\"" + client + "\" before it may post call events."));
        if (signature == null || !signature.startsWith(PREFIX)) {
            throw new ProblemException(401, "Signature required", "Sign the body: X-Signature: sha256=<hex "
                    + "HMAC-SHA256 of the raw request body with your webhook secret>.");
        }
        byte[] expected = sign(secret, body);
        byte[] sent;
        try {
            sent = HexFormat.of().parseHex(signature.substring(PREFIX.length()).strip());
        } catch (IllegalArgumentException e) {
            sent = new byte[0];
        }
        if (!MessageDigest.isEqual(expected, sent)) {
            throw new ProblemException(401, "Signature mismatch", "X-Signature does not match the body: sign "
                    + "the exact bytes sent, with the secret configured for your client.");
        }
    }

    /** The signature of {@code body} under {@code secret}, as a telephony platform computes it. */
    public static String signatureOf(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(sign(secret, body));
    }

    private Optional<String> secretOf(String client) {
        String own = config.webhooks().secrets().get(client);
        return own != null && !own.isBlank() ? Optional.of(own) : config.webhooks().defaultSecret();
    }

    private static byte[] sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
