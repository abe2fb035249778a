package io.dialright.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.UnknownHostException;

import io.dialright.gateway.http.Problem;
import io.dialright.gateway.routing.Service;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import org.junit.jupiter.api.Test;

class UpstreamFailuresTest {

    @Test
    void refusedConnectionIsBadGateway() {
        assertThat(UpstreamFailures.toProblem(new ConnectException("Connection refused"), Service.CONTACT).status())
                .isEqualTo(502);
        assertThat(UpstreamFailures.toProblem(new UnknownHostException("contact"), Service.CONTACT).detail())
                .isEqualTo("The contact service is not reachable; try again shortly.");
    }

    @Test
    void connectAndReadTimeoutsAreGatewayTimeout() {
        assertThat(UpstreamFailures.toProblem(new ConnectTimeoutException("connect timed out"), Service.AUDIT)
                .status()).isEqualTo(504);
        assertThat(UpstreamFailures.toProblem(new NoStackTraceTimeoutException("idle"), Service.AUDIT).detail())
                .isEqualTo("The audit service did not answer in time; try again shortly.");
    }

    @Test
    void brokenAnswerIsBadGatewayWithoutInternals() {
        Problem problem = UpstreamFailures.toProblem(new VertxException("Connection was closed"), Service.DIALER);
        assertThat(problem.status()).isEqualTo(502);
        assertThat(problem.detail()).doesNotContain("Vertx", "Exception", "closed was");
    }
}
