package io.dialright.consent.domain;

/** A registry import loads while {@code RUNNING} (the word contact imports use); {@code COMPLETED} means its version is the one in force. */
public enum RegistryImportStatus {
    RUNNING,
    COMPLETED,
    SUPERSEDED,
    FAILED
}
