package io.dialright.contact.repository;

import java.time.Instant;
import java.util.UUID;

/** A number erased on request (K-7): which privacy request erased it and when. Such a number is never stored again. */
public record ErasedNumber(UUID privacyRequestId, Instant erasedAt) {
}
