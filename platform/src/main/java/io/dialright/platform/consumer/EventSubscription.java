package io.dialright.platform.consumer;

import java.util.Set;

/**
 * A service's consumer of some topics, declared as a CDI bean; {@link ConsumerWorkers} runs each one as an
 * {@link IdempotentConsumer} in the consumer group {@code <service>.<name>}.
 */
public interface EventSubscription extends EventHandler {

    /** Names the consumer group within the service, e.g. {@code opt-out-projection}. */
    String name();

    Set<String> topics();
}
