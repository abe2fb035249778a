package io.dialright.gateway.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.dialright.gateway.access.Roles;
import io.dialright.gateway.config.GatewayConfig;
import io.dialright.gateway.security.Verdict;

/**
 * Per-subject and per-client rate limits (OWASP API4), and a limit per client address on refused requests. The
 * buckets live in this gateway instance: with N instances behind a balancer a caller gets up to N times the rate,
 * which bounds abuse without a shared store on the request path.
 */
@Singleton
public class RateLimiter {

    /** A run of 429s is audited once per this interval per bucket. */
    static final Duration DENIAL_AUDIT_INTERVAL = Duration.ofMinutes(1);
    /** Full buckets are forgotten once the map holds this many, so one-off callers cannot grow it without bound. */
    private static final int SWEEP_ABOVE = 10_000;
    /** A sweep walks the whole map: at most one per second, whatever the request rate. */
    private static final long SWEEP_EVERY_NANOS = 1_000_000_000L;

    private final GatewayConfig.RateLimits limits;
    private final LongSupplier nanoTime;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastSweepNanos = new AtomicLong();

    @Inject
    public RateLimiter(GatewayConfig config) {
        this(config.rateLimits(), System::nanoTime);
    }

    RateLimiter(GatewayConfig.RateLimits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
    }

    /** One request of a verified caller. */
    public Outcome admit(Verdict.Accepted caller) {
        if (caller.roles().contains(Roles.INTEGRATION)) {
            Double rate = limits.clientRate().get(caller.subject());
            return rate != null
                    ? take("client:" + caller.subject(), rate, (int) Math.max(1, Math.ceil(rate * 2)))
                    : take("client:" + caller.subject(), limits.perClientRate(), limits.perClientBurst());
        }
        return take("subject:" + caller.subject(), limits.perSubjectRate(), limits.perSubjectBurst());
    }

    /**
     * One request refused for its credentials, counted per client address — per /64 network for IPv6, where one
     * client holds a whole /64 and could otherwise take a fresh bucket with every address.
     */
    public Outcome admitRefused(String clientAddress) {
        return take("address:" + network(clientAddress), limits.unauthenticatedRate(), limits.unauthenticatedBurst());
    }

    static String network(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
        } catch (UnknownHostException | SecurityException notAnAddress) {
            return address;
        }
    }

    private Outcome take(String key, double rate, int burst) {
        long now = nanoTime.getAsLong();
        long lastSweep = lastSweepNanos.get();
        if (buckets.size() > SWEEP_ABOVE && now - lastSweep > SWEEP_EVERY_NANOS
                && lastSweepNanos.compareAndSet(lastSweep, now)) {
            buckets.values().removeIf(bucket -> bucket.idle(now));
        }
        TokenBucket bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(rate, burst, now));
        long waitNanos = bucket.take(now);
        if (waitNanos == 0) {
            return Outcome.ADMITTED;
        }
        long retryAfterSeconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        return new Outcome(false, retryAfterSeconds, bucket.auditDenial(now, DENIAL_AUDIT_INTERVAL.toNanos()));
    }

    /**
     * @param retryAfterSeconds for a refusal, whole seconds until the next request will be admitted
     * @param audit             for a refusal, whether to audit it (the first of a run, then once a minute)
     */
    public record Outcome(boolean admitted, long retryAfterSeconds, boolean audit) {

        static final Outcome ADMITTED = new Outcome(true, 0, false);
    }
}
