package io.dialright.platform.problem;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.dialright.platform.db.ConcurrentChange;
import io.dialright.platform.db.DatabaseOutage;
import io.dialright.platform.phone.InvalidPhoneNumberException;
import io.dialright.platform.web.NulCharacterException;
import io.dialright.platform.web.RequestIds;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every exception that leaves a resource into {@code application/problem+json}. Client errors explain what
 * to change; anything unexpected is a 500 whose body says only that it was logged under the request id.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /**
     * Request property set when the answer is about the moment, not the request: a repeat may succeed. Such an
     * answer is not kept for an {@code Idempotency-Key} replay.
     */
    public static final String MOMENTARY = "dialright.problem.momentary";
    /** A stopped or restarting PostgreSQL is usually back within seconds; clients should not hammer it meanwhile. */
    static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response problem(ProblemException e, ContainerRequestContext request) {
        Problem problem = new Problem("about:blank", e.title(), e.status(), e.getMessage(), RequestIds.of(request),
                e.errors(), e.extensions());
        Response.ResponseBuilder response = Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(problem);
        // A client told to come back later (503, 429) learns when from the standard header too.
        Object retryAfter = e.extensions().get(ProblemException.RETRY_AFTER_SECONDS);
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfter.toString());
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response invalidPhone(InvalidPhoneNumberException e, ContainerRequestContext request) {
        return respond(400, "Invalid phone number", e.getMessage(), List.of(), request);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, ContainerRequestContext request) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(fieldOf(violation), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(400, "Invalid request", "Some fields are missing or invalid: see errors.", errors, request);
    }

    @ServerExceptionMapper
    public Response invalidJson(JsonParseException e, ContainerRequestContext request) {
        return respond(400, "Malformed request body", "The request body is not valid JSON" + location(e) + ".",
                List.of(), request);
    }

    @ServerExceptionMapper
    public Response wrongJsonShape(MismatchedInputException e, ContainerRequestContext request) {
        String field = pathOf(e);
        if (field.isEmpty()) {
            return respond(400, "Malformed request body", "The request body does not have the expected structure.",
                    List.of(), request);
        }
        String message = wrongValue(e);
        return respond(400, "Malformed request body", "Field '" + field + "' " + message + ".",
                List.of(new Problem.FieldError(field, message)), request);
    }

    /** What is wrong with a field's value, for the person who sent it. */
    private static String wrongValue(MismatchedInputException e) {
        if (e instanceof NulCharacterException) {
            return "must not contain the NUL character (U+0000)";
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return "must be one of " + Arrays.toString(invalid.getTargetType().getEnumConstants());
        }
        return "has a value of the wrong type";
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, ContainerRequestContext request) {
        return respond(400, "Malformed request body", "The request body cannot be read as JSON" + location(e) + ".",
                List.of(), request);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, ContainerRequestContext request) {
        return unauthorized(request);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, ContainerRequestContext request) {
        // Not the message: the JOSE library puts the token itself into some of them.
        LOG.debugf("Token refused (%s) in request %s", e.getClass().getSimpleName(), RequestIds.of(request));
        return unauthorized(request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ContainerRequestContext request) {
        return respond(403, "Forbidden", "Your role does not allow this request.", List.of(), request);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, ContainerRequestContext request) {
        // quarkus-rest-jackson wraps unreadable bodies in a plain 400: answer with the precise JSON problem.
        if (e.getCause() instanceof JsonParseException parse) {
            return invalidJson(parse, request);
        }
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            return wrongJsonShape(mismatch, request);
        }
        // JAX-RS answers a query or path parameter that cannot be converted (page=abc) with a bare 404; it is
        // bad input, and the client should hear so.
        if (e instanceof NotFoundException && e.getCause() instanceof IllegalArgumentException) {
            return respond(400, "Invalid request", "A query or path parameter has a value of the wrong format.",
                    List.of(), request);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Request refused" : known.getReasonPhrase();
        return respond(status, title, detailFor(status), List.of(), request);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, ContainerRequestContext request) {
        if (DatabaseOutage.isCauseOf(e)) {
            return databaseUnavailable(e, request);
        }
        if (ConcurrentChange.isCauseOf(e)) {
            request.setProperty(MOMENTARY, Boolean.TRUE);
            return respond(409, "Changed meanwhile", "Someone else changed this record at the same moment, and "
                    + "nothing of your change was saved. Load it again and repeat the change.", List.of(), request);
        }
        LOG.errorf(e, "Unexpected error in request %s", RequestIds.of(request));
        return respond(500, "Internal error", "Something went wrong on our side; it has been logged under the "
                + "request id. Please try again or contact support.", List.of(), request);
    }

    /**
     * The database is stopped, restarting or out of connections: nothing is wrong with the request, and it may
     * succeed in a moment. Whether a write that failed at its commit was applied cannot be known here, so the
     * detail promises nothing about it; the writes clients repeat (opt-outs, call events by event id) are safe
     * to send again.
     */
    private Response databaseUnavailable(Throwable e, ContainerRequestContext request) {
        LOG.warnf("Database unavailable in request %s: %s", RequestIds.of(request), rootCause(e));
        return problem(ProblemException.unavailable("The service cannot reach its database at the moment. Try "
                + "again in " + DATABASE_RETRY_AFTER_SECONDS + " s (Retry-After).", DATABASE_RETRY_AFTER_SECONDS),
                request);
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private Response unauthorized(ContainerRequestContext request) {
        Response response = respond(401, "Unauthorized",
                "A valid bearer token is required: send 'Authorization: Bearer <token>'.", List.of(), request);
        return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /** Builds a problem response; also used by resources that answer with a problem directly. */
    public static Response respond(int status, String title, String detail, List<Problem.FieldError> errors,
                                   ContainerRequestContext request) {
        Problem problem = new Problem("about:blank", title, status, detail, RequestIds.of(request), errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 404 -> "There is nothing at this address, or you may not see it.";
            case 405 -> "This method is not allowed on this address.";
            case 406 -> "The requested media type cannot be produced; ask for application/json.";
            case 413 -> "The request body is too large.";
            case 415 -> "Send the body as application/json.";
            default -> "The request cannot be processed as sent.";
        };
    }

    /** The JSON path of a body field ({@code phones[0].number}), or the name of a query/path parameter. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String parameter = "body";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null && !field.isEmpty()) {
                    field.append('[').append(node.getIndex()).append(']');
                }
                if (node.getName() != null) {
                    field.append(field.isEmpty() ? "" : ".").append(node.getName());
                }
            }
        }
        return field.isEmpty() ? parameter : field.toString();
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String location(JsonProcessingException e) {
        if (e.getLocation() == null || e.getLocation().getLineNr() < 0) {
            return "";
        }
        return " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
