package io.dialright.platform.problem;

import java.util.List;
import java.util.Map;

/** An error with an HTTP status and a message for the client; turned into problem+json by {@link ProblemMapper}. */
public class ProblemException extends RuntimeException {

    /** Extension member (and {@code Retry-After} header) of a 503 or 429: when to try again. */
    public static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Map<String, Object> extensions;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        this(status, title, detail, errors, Map.of());
    }

    /** With extension members the client can act on, e.g. {@code existingContactId} of a 409. */
    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors,
                            Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.extensions = Map.copyOf(extensions);
    }

    /** 503: a service this request depends on did not answer; nothing was done; try again after a while. */
    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(503, "Service unavailable", detail, List.of(),
                Map.of(RETRY_AFTER_SECONDS, retryAfterSeconds));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail);
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(400, "Invalid request", message, List.of(new Problem.FieldError(field, message)));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
