package io.dialright.dialer.clients;

/** Another service refused the request made on a person's behalf (401, 403, 404, 4xx): the person may not. */
public class RefusedException extends RuntimeException {

    private final int status;

    public RefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
