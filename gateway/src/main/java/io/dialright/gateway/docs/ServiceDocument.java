package io.dialright.gateway.docs;

import io.dialright.gateway.routing.Service;
import io.vertx.core.json.JsonObject;

/** What the gateway got when it asked one service for its OpenAPI document. */
public sealed interface ServiceDocument {

    Service service();

    /** The service answered with a readable OpenAPI 3 document. */
    record Available(Service service, JsonObject openApi) implements ServiceDocument {
    }

    /** The service could not be asked or sent nothing usable; {@code reason} is a sentence for the reader. */
    record Unavailable(Service service, String reason) implements ServiceDocument {
    }
}
