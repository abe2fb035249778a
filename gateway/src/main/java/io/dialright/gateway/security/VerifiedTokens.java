package io.dialright.gateway.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens this gateway has verified, until they expire: a person's client sends the same token with every request
 * for up to 15 minutes, and checking an RS256 signature again each time was most of the gateway's CPU per request.
 * The key is the whole compact token, so only the very bytes that were verified hit the cache. Refusals are never
 * cached (a stream of garbage would only evict good entries). Revocation is checked on every request, outside the
 * cache.
 */
final class VerifiedTokens {

    /** Enough for every person and client of a large call centre at once; beyond it, the cache starts over. */
    static final int CAPACITY = 50_000;

    private record Entry(Verdict.Accepted verdict, long expiresAtEpochSecond) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** The verdict of {@code token} if it was verified before and has not expired at {@code nowEpochSecond}. */
    Verdict.Accepted get(String token, long nowEpochSecond) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (nowEpochSecond >= entry.expiresAtEpochSecond()) {
            entries.remove(token);
            return null;
        }
        return entry.verdict();
    }

    void put(String token, Verdict.Accepted verdict, long expiresAtEpochSecond, long nowEpochSecond) {
        if (entries.size() >= CAPACITY) {
            entries.values().removeIf(entry -> nowEpochSecond >= entry.expiresAtEpochSecond());
            if (entries.size() >= CAPACITY) {
                entries.clear();
            }
        }
        entries.put(token, new Entry(verdict, expiresAtEpochSecond));
    }
}
