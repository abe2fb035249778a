package io.dialright.platform.phone;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.dialright.platform.config.PlatformConfig;

/** Makes {@link PhoneNumbers} injectable with the configured default region. */
public class PhoneNumbersProducer {

    @Produces
    @ApplicationScoped
    PhoneNumbers phoneNumbers(PlatformConfig config) {
        return new PhoneNumbers(config.phone().defaultRegion());
    }
}
