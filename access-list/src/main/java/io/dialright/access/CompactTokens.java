package io.dialright.access;

import java.util.Base64;

/**
 * The one spelling of a signed JWT this suite accepts: three non-empty parts in the base64url alphabet without
 * padding, each exactly as encoding its bytes gives it. JOSE libraries decode leniently — they skip characters outside
 * the alphabet, read {@code +} and {@code /} like {@code -} and {@code _}, stop at {@code =}, ignore the unused bits
 * of the last character — so one signed token has many spellings that all verify. Only the header and payload are
 * signed, so the signature part is where such variants hide; each would be a new entry of {@link VerifiedTokens}.
 * No issuer writes them, so they are refused rather than verified.
 */
public final class CompactTokens {

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private CompactTokens() {
    }

    /** Whether {@code token} is a compact JWS in its canonical spelling (see the class comment). */
    public static boolean isCanonical(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second <= first + 1 || second == token.length() - 1 || token.indexOf('.', second + 1) >= 0) {
            return false;
        }
        return isCanonicalPart(token, 0, first) && isCanonicalPart(token, first + 1, second)
                && isCanonicalPart(token, second + 1, token.length());
    }

    private static boolean isCanonicalPart(String token, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = token.charAt(i);
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!alphabet) {
                return false;
            }
        }
        if ((to - from) % 4 == 1) {
            return false; // no number of bytes encodes to this many characters
        }
        // The last character may carry bits no byte uses; the canonical spelling has them zero.
        String part = token.substring(from, to);
        return ENCODER.encodeToString(DECODER.decode(part)).equals(part);
    }
}
