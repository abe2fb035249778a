package io.dialright.dialer.clients;

/** Another service did not answer in time, or answered with a server error. */
public class ServiceUnavailableException extends RuntimeException {

    public ServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
