package io.dialright.dialer.handout;

/** No contact may be called now; {@code reason} summarises why (the {@code Reason} header of the 204). */
public record NothingCallable(String reason) {
}
