package io.dialright.audit.config;

import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the audit trail; environment variables {@code DIALRIGHT_AUDIT_…}. */
@ConfigMapping(prefix = "dialright.audit")
public interface AuditConfig {

    /** Signed checkpoints of the chain head. */
    Checkpoints checkpoints();

    interface Checkpoints {
        /**
         * Directory outside the database holding the Ed25519 key pair (generated on first start if absent; mount a
         * secret here in production) and the append-only checkpoint log.
         */
        @WithDefault("audit-checkpoints")
        Path dir();

        /** How often the committed chain head is signed, when it has advanced. */
        @WithDefault("30s")
        Duration interval();
    }
}
