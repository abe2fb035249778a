package io.dialright.gateway.routing;

import java.net.URI;
import java.util.Locale;

/** The address of one service, checked once at start-up so a typo fails the boot instead of every request. */
public record Upstream(Service service, String host, int port, boolean ssl) {

    /**
     * Reads a configured base URL such as {@code http://localhost:8081}.
     *
     * @throws IllegalArgumentException with the configuration key to fix when the URL is not usable
     */
    public static Upstream of(Service service, URI baseUrl) {
        String key = "dialright.gateway.services." + service.shortName();
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(key, baseUrl, "the scheme must be http or https");
        }
        if (baseUrl.getHost() == null) {
            throw invalid(key, baseUrl, "a host is required");
        }
        // A path would have to be joined with the client's path; the services serve /api/ at their root.
        String path = baseUrl.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || baseUrl.getRawQuery() != null) {
            throw invalid(key, baseUrl, "give scheme, host and port only, without a path or query");
        }
        boolean ssl = scheme.equals("https");
        int port = baseUrl.getPort() != -1 ? baseUrl.getPort() : ssl ? 443 : 80;
        return new Upstream(service, baseUrl.getHost(), port, ssl);
    }

    private static IllegalArgumentException invalid(String key, URI value, String why) {
        return new IllegalArgumentException(
                key + "=" + value + " is not usable: " + why + " (for example http://localhost:8081)");
    }
}
