package io.dialright.platform.problem;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code detail} is a sentence a person can act on; {@code errors} lists the fields of
 * a failed validation; {@code requestId} lets support find the server log; {@code extensions} are further members
 * the client can act on (RFC 9457 §3.2), such as the {@code existingContactId} of a duplicate. Never a class name or
 * stack trace.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String requestId,
                      List<FieldError> errors, @JsonIgnore Map<String, Object> extensions) {

    public Problem(String type, String title, int status, String detail, String requestId, List<FieldError> errors) {
        this(type, title, status, detail, requestId, errors, Map.of());
    }

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions;
    }

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field: its JSON path and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
