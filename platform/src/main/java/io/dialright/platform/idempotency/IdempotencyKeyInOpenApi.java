package io.dialright.platform.idempotency;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Declares the optional {@code Idempotency-Key} header on every POST operation of a service's OpenAPI document, so
 * that client generators offer it. Registered with {@code mp.openapi.filter} by the services that keep the mechanism on.
 */
public class IdempotencyKeyInOpenApi implements OASFilter {

    @Override
    public PathItem filterPathItem(PathItem pathItem) {
        if (pathItem.getPOST() != null) {
            pathItem.getPOST().addParameter(OASFactory.createParameter()
                    .name(IdempotencyKey.HEADER)
                    .in(Parameter.In.HEADER)
                    .required(false)
                    .description("A new random UUID per request, the same one when the request is repeated: a "
                            + "repeat gets the first answer with Idempotent-Replayed: true and changes nothing. The "
                            + "same key with another request is a 422, a repeat while the first runs a 409 with "
                            + "Retry-After. Answers are kept for a day by default. Ignored, and a repeat answered "
                            + "afresh, where an answer must be the moment's or may be given once (a decision, a "
                            + "check, a one-time download) and where the request names itself (a call event's "
                            + "eventId).")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).minLength(1)
                            .maxLength(255)));
        }
        return pathItem;
    }
}
