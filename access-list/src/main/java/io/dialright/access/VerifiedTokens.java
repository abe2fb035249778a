package io.dialright.access;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens a process has verified, each with what it learnt from it, until the token expires. A person's client sends
 * the same token with every request for up to 15 minutes and a telephony platform its own for longer; checking an
 * RS256 signature again each time was the largest single cost of a request in the gateway and in the services.
 *
 * <p>The key is the whole compact token, so only the very bytes that were verified hit the cache; callers put only
 * tokens in their one canonical spelling ({@link CompactTokens}), so a verified token is one entry, not one per
 * variant an attacker can spell. Refusals are never put here (a stream of garbage would only evict good entries).
 * Revocation is not this class's business: it is checked on every request, outside the cache.
 *
 * @param <V> what the caller keeps of a verified token (its verdict, or the parsed token)
 */
public final class VerifiedTokens<V> {

    /**
     * No entry is kept longer than this, whatever its {@code exp}: when a signing key is withdrawn (a JWKS without
     * it), a token signed with it is verified again — and refused — within this time.
     */
    public static final long MAX_AGE_SECONDS = 300;

    private record Entry<V>(V value, long expiresAtEpochSecond) {
    }

    /**
     * A token as a map key, equal only to the very same token, but hashed over its last characters alone: those are
     * its signature's, which no one can choose for a token that verifies, so they spread keys as well as the whole
     * text would. A token arrives as a new string with every request, and {@link String#hashCode()} over all of its
     * 700-odd characters was a few percent of a request's CPU in the gateway.
     */
    private record Key(String token) {

        private static final int HASHED_CHARACTERS = 32;

        @Override
        public int hashCode() {
            int hash = 0;
            for (int i = Math.max(0, token.length() - HASHED_CHARACTERS); i < token.length(); i++) {
                hash = 31 * hash + token.charAt(i);
            }
            return hash;
        }
    }

    private final Map<Key, Entry<V>> entries = new ConcurrentHashMap<>();
    private final int capacity;

    /**
     * @param capacity how many tokens are kept at most: one per person or machine client working at the same time,
     *                 with room to spare; beyond it the expired ones leave, and if too few have, it starts over
     */
    public VerifiedTokens(int capacity) {
        this.capacity = capacity;
    }

    /** What was kept of {@code token} if it was verified before and has not expired at {@code nowEpochSecond}. */
    public V get(String token, long nowEpochSecond) {
        Key key = new Key(token);
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (nowEpochSecond >= entry.expiresAtEpochSecond()) {
            entries.remove(key);
            return null;
        }
        return entry.value();
    }

    /**
     * Remembers a verified token until {@code expiresAtEpochSecond} (its {@code exp}: stricter than a parser that
     * allows clock skew past it), at most {@link #MAX_AGE_SECONDS}. A token already expired is not kept.
     */
    public void put(String token, V value, long expiresAtEpochSecond, long nowEpochSecond) {
        long until = Math.min(expiresAtEpochSecond, nowEpochSecond + MAX_AGE_SECONDS);
        if (nowEpochSecond >= until) {
            return;
        }
        if (entries.size() >= capacity) {
            entries.values().removeIf(entry -> nowEpochSecond >= entry.expiresAtEpochSecond());
            // Starting over unless a tenth is free again: otherwise every later put would walk the whole map.
            if (entries.size() >= capacity - capacity / 10) {
                entries.clear();
            }
        }
        entries.put(new Key(token), new Entry<>(value, until));
    }

    /** How many tokens are kept now (for tests and diagnostics). */
    public int size() {
        return entries.size();
    }
}
