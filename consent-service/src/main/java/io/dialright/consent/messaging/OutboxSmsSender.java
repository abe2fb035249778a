package io.dialright.consent.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.platform.events.Actor;
import io.dialright.platform.events.Topics;
import io.dialright.platform.outbox.Outbox;
import io.quarkus.arc.DefaultBean;

/**
 * Default SMS adapter: an {@code SmsRequested} event on {@code dialright.notifications.sms.v1} through the outbox,
 * for a real SMS connector to consume. The number and any confirmation code leave the database when the relay deletes
 * the row on publishing it, as it does with every outbox row.
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
