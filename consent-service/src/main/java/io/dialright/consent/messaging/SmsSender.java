package io.dialright.consent.messaging;

import io.dialright.platform.events.Actor;

/**
 * The SMS port (K-3, K-7). Implementations send within the caller's transaction, so a message exists exactly when
 * the change it belongs to does. The default adapter is {@link OutboxSmsSender}: an event for an SMS connector.
 */
public interface SmsSender {

    /**
     * @param phoneHash the blind index of {@code sms.to()}, the message key: the number itself never is one
     */
    void send(SmsRequested sms, String phoneHash, Actor actor);
}
