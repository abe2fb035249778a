package io.dialright.consent;

import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.dialright.consent.service.RegistryImportListener;

/**
 * Lets a test hold a registry import after its version is loaded and before it is switched in, to look at
 * decisions meanwhile. Not armed, it holds nothing.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class HoldableRegistryListener extends RegistryImportListener {

    private volatile CountDownLatch loaded;
    private volatile CountDownLatch release;

    /** The next import will wait in {@link #beforeSwitch} until {@link #release()}. */
    public void arm() {
        loaded = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    public boolean awaitLoaded() throws InterruptedException {
        return loaded.await(60, TimeUnit.SECONDS);
    }

    public void release() {
        CountDownLatch held = release;
        loaded = null;
        release = null;
        if (held != null) {
            held.countDown();
        }
    }

    @Override
    public void beforeSwitch(UUID importId, int version) {
        CountDownLatch held = release;
        CountDownLatch signal = loaded;
        if (held == null || signal == null) {
            return;
        }
        signal.countDown();
        try {
            held.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
