package io.dialright.consent.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

/**
 * Hears the stages of a registry import. The default does nothing; tests replace it to hold an import between
 * "loaded" and "switched" and watch decisions keep using the old version meanwhile.
 */
@ApplicationScoped
@DefaultBean
public class RegistryImportListener {

    /** The new version is loaded and indexed but not yet in force. */
    public void beforeSwitch(UUID importId, int version) {
    }
}
