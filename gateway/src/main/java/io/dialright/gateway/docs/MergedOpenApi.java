package io.dialright.gateway.docs;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Singleton;

import io.dialright.gateway.routing.RouteTable;
import io.dialright.gateway.routing.Service;
import io.dialright.gateway.routing.Upstream;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** The merged OpenAPI document of all services, fetched from them at most once per cache period. */
@Singleton
public class MergedOpenApi {

    private static final Logger LOG = Logger.getLogger(MergedOpenApi.class);

    private final ServiceDocumentFetcher fetcher;
    private final OpenApiMerger merger;
    private final TtlCache<Buffer> cache;

    public MergedOpenApi(ServiceDocumentFetcher fetcher, RouteTable routes, DocsConfig config,
                         @ConfigProperty(name = "quarkus.application.version") String version) {
        this.fetcher = fetcher;
        this.merger = new OpenApiMerger(version, path -> routes.resolve(path).map(Upstream::service));
        this.cache = new TtlCache<>(this::load, config.cacheTtl(), Clock.systemUTC());
    }

    /** The document as JSON; the future always succeeds, with whatever services could be reached. */
    public Future<Buffer> json() {
        return cache.get().recover(failure -> Future.succeededFuture(fallback(failure)));
    }

    private Future<Buffer> load() {
        List<Future<ServiceDocument>> fetches = Arrays.stream(Service.values()).map(fetcher::fetch).toList();
        return Future.all(fetches).map(all -> {
            List<ServiceDocument> documents = fetches.stream().map(Future::result).toList();
            return merger.merge(documents).toBuffer();
        });
    }

    /** A bug in the merge must not cost the reader the documentation page: say what is missing instead. */
    private Buffer fallback(Throwable failure) {
        LOG.errorf(failure, "Merging the services' OpenAPI documents failed");
        List<ServiceDocument> none = Arrays.stream(Service.values())
                .map(service -> (ServiceDocument) new ServiceDocument.Unavailable(service,
                        "The " + service.shortName() + " service's document could not be merged with the others."))
                .toList();
        return merger.merge(none).toBuffer();
    }
}
