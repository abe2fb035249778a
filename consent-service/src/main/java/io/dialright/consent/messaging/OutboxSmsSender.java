package io.dialright.consent.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.platform.events.Actor;
import io.dialright.platform.events.Topics;
import io.dialright.platform.outbox.Outbox;
import io.quarkus.arc.DefaultBean;

/**
 * Default SMS adapter: an {@code SmsRequested} event on {@code dialright.notifications.sms.v1} through the outbox,
 * for a real SMS connector to consume. {@link SmsOutboxScrubber} deletes the outbox rows once published, since they
 * hold the number and possibly a confirmation code.
 */
@ApplicationScoped
@DefaultBean
public class OutboxSmsSender implements SmsSender {

    private final Outbox outbox;

    public OutboxSmsSender(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void send(SmsRequested sms, String phoneHash, Actor actor) {
        outbox.publish(Topics.SMS, SmsRequested.TYPE, phoneHash, actor, sms);
    }
}
