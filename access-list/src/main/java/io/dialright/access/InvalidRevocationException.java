package io.dialright.access;

/**
 * A record on the access topic that is not a usable {@code SubjectRevoked} event. Its message says what is wrong
 * without repeating any value of the record, so it can be logged: the record may hold a person's identifier.
 */
public class InvalidRevocationException extends RuntimeException {

    public InvalidRevocationException(String message) {
        super(message);
    }
}
