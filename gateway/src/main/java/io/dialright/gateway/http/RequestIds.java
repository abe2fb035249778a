package io.dialright.gateway.http;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id that ties a request's log lines and audit entries together across the gateway and the services. A
 * client's own id is kept when it is harmless (it may already be in the client's logs); anything else is replaced,
 * so log lines cannot be forged or bloated through this header.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {
    }

    public static String fromClientOrNew(List<String> clientValues) {
        if (clientValues.size() == 1 && SANE.matcher(clientValues.get(0)).matches()) {
            return clientValues.get(0);
        }
        return UUID.randomUUID().toString();
    }
}
