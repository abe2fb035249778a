package io.dialright.consent.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.consent.config.ConsentConfig;
import io.dialright.consent.repository.SmsLedger;
import io.dialright.platform.problem.ProblemException;
import org.jboss.logging.Logger;

/**
 * Each client (token subject) may cause at most its quota of SMS per rolling 24 hours, because SMS cost money and a
 * misbehaving integration could send thousands. Counted in the database, as the service may run several instances;
 * {@link #charge} must run in the transaction that sends, so a refused or failed request counts nothing.
 */
@ApplicationScoped
public class SmsQuota {

    static final Duration WINDOW = Duration.ofHours(24);
    private static final Logger LOG = Logger.getLogger(SmsQuota.class);

    private final SmsLedger ledger;
    private final ConsentConfig config;

    public SmsQuota(SmsLedger ledger, ConsentConfig config) {
        this.ledger = ledger;
        this.config = config;
    }

    /**
     * Counts one SMS of {@code client} at {@code now}, or refuses it with 429 and {@code Retry-After}: the time until
     * enough of the counted SMS have left the window. The client's lock is held until the transaction ends, so
     * concurrent sends of one client are counted one after the other.
     */
    public void charge(String client, Instant now) {
        int limit = config.smsQuota().limitFor(client);
        Instant cutoff = now.minus(WINDOW);
        ledger.lock(client);
        ledger.forgetUntil(client, cutoff);
        List<Instant> counted = ledger.sentAfter(client, cutoff);
        if (counted.size() >= limit) {
            LOG.warnf("SMS quota of client %s reached (%d of %d in 24 h): SMS refused", client, counted.size(), limit);
            throw exceeded(client, limit, counted, now);
        }
        ledger.record(client, now);
    }

    private static ProblemException exceeded(String client, int limit, List<Instant> counted, Instant now) {
        String detail = "Client " + client + " has caused " + counted.size() + " SMS in the last 24 hours, its quota "
                + "is " + limit + "; nothing was sent or recorded.";
        if (limit <= 0) {
            return new ProblemException(429, "SMS quota reached", detail + " This client may not send SMS.");
        }
        // Below the limit again once this one has left the window (the oldest, unless the limit was lowered).
        Instant freed = counted.get(counted.size() - limit).plus(WINDOW);
        long seconds = Math.max(1, (Duration.between(now, freed).toMillis() + 999) / 1000);
        return new ProblemException(429, "SMS quota reached", detail + " Try again in " + seconds + " s.", List.of(),
                Map.of(ProblemException.RETRY_AFTER_SECONDS, seconds));
    }
}
