package io.dialright.platform.crypto;

import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.dialright.platform.config.PlatformConfig;

/** Makes {@link BlindIndex} injectable, keyed by {@code dialright.blind-index-key}. */
public class BlindIndexProducer {

    @Produces
    @ApplicationScoped
    BlindIndex blindIndex(PlatformConfig config) {
        String key = config.blindIndexKey().orElseThrow(() -> new IllegalStateException(
                "Set DIALRIGHT_BLIND_INDEX_KEY (Base64 of at least 32 random bytes; the same in every service)"));
        return new BlindIndex(Base64.getDecoder().decode(key));
    }
}
