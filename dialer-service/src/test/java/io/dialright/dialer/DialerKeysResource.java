package io.dialright.dialer;

import io.dialright.testsupport.KeyRingResource;

/** dialer-service's member-number key ring for this test run. */
public class DialerKeysResource extends KeyRingResource {

    public DialerKeysResource() {
        super("dialright.dialer.encryption");
    }
}
