package io.dialright.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.dialright.gateway.config.GatewayConfig;
import io.dialright.gateway.security.Verdict;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(new Limits(), now::get);

    @Test
    void burstThenOneRequestPerRefill() {
        Verdict.Accepted person = person("operator-1");
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.admit(person).admitted()).isTrue();
        }
        RateLimiter.Outcome refused = limiter.admit(person);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(refused.audit()).isTrue();
        assertThat(limiter.admit(person).audit()).as("a run is audited once").isFalse();

        now.addAndGet(1_000_000_000L);
        assertThat(limiter.admit(person).admitted()).isTrue();
        assertThat(limiter.admit(person).admitted()).isFalse();
    }

    @Test
    void refusedRequestsOfOneIpv6NetworkShareABucket() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.admitRefused("2001:db8:1:2::" + Integer.toHexString(i + 1)).admitted()).isTrue();
        }
        assertThat(limiter.admitRefused("2001:db8:1:2:ffff::9").admitted()).isFalse();
        assertThat(limiter.admitRefused("2001:db8:1:3::1").admitted()).as("another /64").isTrue();
        assertThat(RateLimiter.network("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(RateLimiter.network("2001:db8:1:2::5")).isEqualTo("20010db800010002::/64");
    }

    private static Verdict.Accepted person(String subject) {
        return new Verdict.Accepted(subject, Set.of("operator"), Set.of(), "team-a", 0);
    }

    /** Three at once, one per second, for everyone. */
    private static final class Limits implements GatewayConfig.RateLimits {
        @Override
        public double perSubjectRate() {
            return 1;
        }

        @Override
        public int perSubjectBurst() {
            return 3;
        }

        @Override
        public double perClientRate() {
            return 1;
        }

        @Override
        public int perClientBurst() {
            return 3;
        }

        @Override
        public Map<String, Double> clientRate() {
            return Map.of();
        }

        @Override
        public double unauthenticatedRate() {
            return 1;
        }

        @Override
        public int unauthenticatedBurst() {
            return 3;
        }
    }
}
