package io.dialright.access;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens a process has verified, each with what it learnt from it, until the token expires. A person's client sends
 * the same token with every request for up to 15 minutes and a telephony platform its own for longer; checking an
 * RS256 signature again each time was the largest single cost of a request in the gateway and in the services.
 *
 * <p>The key is the whole compact token, so only the very bytes that were verified hit the cache. Refusals are never
 * put here (a stream of garbage would only evict good entries). Revocation is not this class's business: it is
 * checked on every request, outside the cache.
 *
 * @param <V> what the caller keeps of a verified token (its verdict, or the parsed token)
 */
public final class VerifiedTokens<V> {

    /** Enough for every person and client of a large call centre at once; beyond it, the cache starts over. */
    public static final int CAPACITY = 50_000;

    private record Entry<V>(V value, long expiresAtEpochSecond) {
    }

    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();

    /** What was kept of {@code token} if it was verified before and has not expired at {@code nowEpochSecond}. */
    public V get(String token, long nowEpochSecond) {
        Entry<V> entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (nowEpochSecond >= entry.expiresAtEpochSecond()) {
            entries.remove(token);
            return null;
        }
        return entry.value();
    }

    /**
     * Remembers a verified token until {@code expiresAtEpochSecond} (its {@code exp}: stricter than a parser that
     * allows clock skew past it). A token already expired at {@code nowEpochSecond} is not kept.
     */
    public void put(String token, V value, long expiresAtEpochSecond, long nowEpochSecond) {
        if (nowEpochSecond >= expiresAtEpochSecond) {
            return;
        }
        if (entries.size() >= CAPACITY) {
            entries.values().removeIf(entry -> nowEpochSecond >= entry.expiresAtEpochSecond());
            if (entries.size() >= CAPACITY) {
                entries.clear();
            }
        }
        entries.put(token, new Entry<>(value, expiresAtEpochSecond));
    }

    /** How many tokens are kept now (for tests and diagnostics). */
    public int size() {
        return entries.size();
    }
}
