package io.dialright.gateway.limits;

/**
 * One caller's allowance: {@code burst} requests at once, refilled at {@code rate} per second. Synchronized: a
 * subject's requests arrive on several event loops.
 */
final class TokenBucket {

    private final double rate;
    private final double burst;
    private double tokens;
    private long refilledAtNanos;
    private long lastDenialAuditNanos = Long.MIN_VALUE;

    TokenBucket(double rate, int burst, long nowNanos) {
        this.rate = rate;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAtNanos = nowNanos;
    }

    /** Takes one token; when none is left, the nanoseconds until one will be there (always &gt; 0). */
    synchronized long take(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / rate * 1e9));
    }

    /**
     * Whether this denial should be audited: the first one of a run, then at most one per {@code intervalNanos}, so
     * a client hammering the gateway cannot flood the audit trail it is being recorded in.
     */
    synchronized boolean auditDenial(long nowNanos, long intervalNanos) {
        if (lastDenialAuditNanos != Long.MIN_VALUE && nowNanos - lastDenialAuditNanos < intervalNanos) {
            return false;
        }
        lastDenialAuditNanos = nowNanos;
        return true;
    }

    /** Whether the bucket is full again, so forgetting it changes nothing for its caller. */
    synchronized boolean idle(long nowNanos) {
        refill(nowNanos);
        return tokens >= burst;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - refilledAtNanos;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed / 1e9 * rate);
            refilledAtNanos = nowNanos;
        }
    }
}
