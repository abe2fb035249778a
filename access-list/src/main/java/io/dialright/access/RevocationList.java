package io.dialright.access;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The revoked subjects this process knows, safe for any number of request threads while one feed thread applies
 * new revocations. It is {@link #loaded()} once the feed has read the topic up to the end it found at start-up:
 * before that, nobody can say who is revoked, and callers must refuse to serve.
 */
public final class RevocationList {

    private final Map<String, Revocation> bySubject = new ConcurrentHashMap<>();
    private final CountDownLatch loaded = new CountDownLatch(1);

    /**
     * Records a revocation. Of two for the same subject the later {@code effectiveAt} holds, whichever arrives
     * last: two administrators (or two gateways) revoking at once must never let older tokens back in.
     */
    public void apply(Revocation revocation) {
        bySubject.merge(revocation.subject(), revocation,
                (known, arriving) -> arriving.effectiveAt().isBefore(known.effectiveAt()) ? known : arriving);
    }

    /** Whether a token of {@code subject} issued at {@code issuedAtEpochSecond} ({@code iat}, or null) is refused. */
    public boolean isRevoked(String subject, Long issuedAtEpochSecond) {
        return refusing(subject, issuedAtEpochSecond).isPresent();
    }

    /** The revocation that refuses this token, if any: for the log line that says why. */
    public Optional<Revocation> refusing(String subject, Long issuedAtEpochSecond) {
        if (subject == null) {
            return Optional.empty();
        }
        Revocation revocation = bySubject.get(subject);
        return revocation != null && revocation.refuses(issuedAtEpochSecond) ? Optional.of(revocation)
                : Optional.empty();
    }

    /** Whether the topic has been read up to its end offsets of start-up. */
    public boolean loaded() {
        return loaded.getCount() == 0;
    }

    /** Waits at most {@code timeout} for {@link #loaded()}; returns whether it is. */
    public boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The revocation of {@code subject} in force, if any. */
    public Optional<Revocation> of(String subject) {
        return Optional.ofNullable(bySubject.get(subject));
    }

    /** Every revocation in force, by subject. */
    public List<Revocation> all() {
        return bySubject.values().stream().sorted(Comparator.comparing(Revocation::subject)).toList();
    }

    /** How many subjects are revoked. */
    public int size() {
        return bySubject.size();
    }

    void markLoaded() {
        loaded.countDown();
    }
}
