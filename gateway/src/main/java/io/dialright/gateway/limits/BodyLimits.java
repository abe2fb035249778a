package io.dialright.gateway.limits;

import java.util.List;

import jakarta.inject.Singleton;

import io.dialright.gateway.config.GatewayConfig;

/** The largest body each API path takes (OWASP API4): uploads get the upload limit, everything else the standard one. */
@Singleton
public class BodyLimits {

    private final long standard;
    private final long upload;
    private final List<String> uploadPaths;

    public BodyLimits(GatewayConfig config) {
        this.standard = config.bodyLimits().standard().asLongValue();
        this.upload = config.bodyLimits().upload().asLongValue();
        this.uploadPaths = config.bodyLimits().uploadPaths();
    }

    public long maxBytes(String path) {
        for (String prefix : uploadPaths) {
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return upload;
            }
        }
        return standard;
    }
}
