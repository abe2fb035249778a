package io.dialright.gateway.http;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
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

    // Encoded once: these are written on every response.
    private static final CharSequence NOSNIFF_NAME = HttpHeaders.createOptimized("X-Content-Type-Options");
    private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
    private static final CharSequence FRAME_NAME = HttpHeaders.createOptimized("X-Frame-Options");
    private static final CharSequence DENY = HttpHeaders.createOptimized("DENY");
    private static final CharSequence REFERRER_NAME = HttpHeaders.createOptimized("Referrer-Policy");
    private static final CharSequence NO_REFERRER = HttpHeaders.createOptimized("no-referrer");
    private static final CharSequence HSTS_NAME = HttpHeaders.createOptimized("Strict-Transport-Security");
    private static final CharSequence HSTS = HttpHeaders.createOptimized("max-age=31536000; includeSubDomains");
    private static final CharSequence CORP_NAME = HttpHeaders.createOptimized("Cross-Origin-Resource-Policy");
    private static final CharSequence SAME_ORIGIN = HttpHeaders.createOptimized("same-origin");
    private static final CharSequence CSP_NAME = HttpHeaders.createOptimized("Content-Security-Policy");
    private static final CharSequence API_CSP = HttpHeaders.createOptimized(API_POLICY);
    private static final CharSequence DOCS_CSP = HttpHeaders.createOptimized(DOCS_POLICY);
    private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");

    static void apply(MultiMap headers, boolean docs) {
        headers.set(NOSNIFF_NAME, NOSNIFF);
        headers.set(FRAME_NAME, DENY);
        headers.set(REFERRER_NAME, NO_REFERRER);
        headers.set(HSTS_NAME, HSTS);
        headers.set(CORP_NAME, SAME_ORIGIN);
        headers.set(CSP_NAME, docs ? DOCS_CSP : API_CSP);
        if (!docs) {
            // Answers hold personal data: no cache may keep them, whatever a service said.
            headers.set(HttpHeaders.CACHE_CONTROL, NO_STORE);
        }
    }

    private static boolean isDocumentation(String path) {
        return path.equals("/openapi") || path.startsWith("/openapi.") || path.equals("/swagger-ui")
                || path.startsWith("/swagger-ui/");
    }
}
