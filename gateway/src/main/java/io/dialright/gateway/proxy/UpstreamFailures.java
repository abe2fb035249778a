package io.dialright.gateway.proxy;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import io.dialright.gateway.http.Problem;
import io.dialright.gateway.routing.Service;
import io.netty.channel.ConnectTimeoutException;

/**
 * Translates why a service call failed into what the client can do about it: 504 when the service was too slow
 * (connect or read timeout), 502 when it could not be reached or broke off its answer.
 */
public final class UpstreamFailures {

    private UpstreamFailures() {
    }

    public static Problem toProblem(Throwable failure, Service service) {
        String name = service.shortName();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Netty's connect timeout is a ConnectException too, so it must be looked at first.
            if (t instanceof ConnectTimeoutException || t instanceof TimeoutException) {
                return Problem.upstreamTimeout(name);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException) {
                return Problem.unreachable(name);
            }
        }
        return Problem.badUpstreamAnswer(name);
    }
}
