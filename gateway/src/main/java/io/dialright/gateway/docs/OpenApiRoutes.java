package io.dialright.gateway.docs;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /openapi}: the merged OpenAPI document of all services, for the Swagger UI at {@code /swagger-ui}
 * (served by the quarkus-swagger-ui extension) and for client generators. It needs no token: it is what a developer's
 * browser opens, and the services publish the same content at their own {@code /q/openapi}. Outside {@code /api/},
 * so the token check in ApiRoutes never sees it.
 */
@Singleton
public class OpenApiRoutes {

    static final String PATH = "/openapi";

    private final DocsConfig config;
    private final MergedOpenApi openApi;

    public OpenApiRoutes(DocsConfig config, MergedOpenApi openApi) {
        this.config = config;
        this.openApi = openApi;
    }

    void register(@Observes Router router) {
        // Switched off, the path is simply not there: 404 like any unknown path.
        if (config.enabled()) {
            router.get(PATH).handler(this::serve);
        }
    }

    private void serve(RoutingContext context) {
        openApi.json().onComplete(result -> {
            if (context.response().closed()) {
                return;
            }
            context.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    // It changes when a service is deployed or comes back: browsers ask again each time.
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .end(result.result());
        });
    }
}
