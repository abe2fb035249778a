package io.dialright.platform.events;

/** A message that is not a well-formed event: retrying cannot help, so consumers park it at once. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }
}
