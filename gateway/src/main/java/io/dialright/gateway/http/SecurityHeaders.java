package io.dialright.gateway.http;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Security headers on every response of the gateway — its own answers, the services' answers it relays (set last,
 * so a service cannot weaken them) and health. The API is JSON for programs: nothing may be framed, sniffed into
 * another type, cached by a shared cache, or leak its URL (which may hold a number) through a Referer.
 */
@Singleton
public class SecurityHeaders {

    /** Nothing loads from an API response; the documentation pages need their own scripts and styles. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    static final String DOCS_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "frame-ancestors 'none'";
    /** Before Quarkus' own handlers (CORS, health), so every response gets the headers. */
    private static final int ORDER = -1_000;

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::addOnEnd);
    }

    private void addOnEnd(RoutingContext context) {
        boolean docs = isDocumentation(context.normalizedPath());
        context.addHeadersEndHandler(done -> apply(context.response().headers(), docs));
        context.next();
    }

    static void apply(MultiMap headers, boolean docs) {
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
        headers.set("Content-Security-Policy", docs ? DOCS_POLICY : API_POLICY);
        if (!docs) {
            // Answers hold personal data: no cache may keep them, whatever a service said.
            headers.set("Cache-Control", "no-store");
        }
    }

    private static boolean isDocumentation(String path) {
        return path.equals("/openapi") || path.startsWith("/openapi.") || path.equals("/swagger-ui")
                || path.startsWith("/swagger-ui/");
    }
}
