package io.dialright.consent.domain;

/** A registry import loads while {@code IMPORTING}; {@code COMPLETED} means its version is the one in force. */
public enum RegistryImportStatus {
    IMPORTING,
    COMPLETED,
    SUPERSEDED,
    FAILED
}
