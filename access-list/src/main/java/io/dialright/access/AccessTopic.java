package io.dialright.access;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The topic of revocations, {@code dialright.access.v1}: key = the revoked subject, compacted, so it keeps the latest
 * revocation of every subject for ever — a process that starts years later must still refuse a dismissed employee's
 * old tokens. With {@code cleanup.policy=delete} revocations would vanish after the retention time.
 */
public final class AccessTopic {

    public static final String NAME = "dialright.access.v1";

    private static final System.Logger LOG = System.getLogger(AccessTopic.class.getName());

    private AccessTopic() {
    }

    /**
     * Creates the topic, compacted, if it does not exist. An existing topic is left as it is, with an error in the
     * log if it is not compacted (changing a shared topic's policy is an operator's decision).
     */
    public static void ensure(Admin admin, int partitions, short replicationFactor)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        if (existing.contains(NAME)) {
            warnIfNotCompacted(admin);
            return;
        }
        NewTopic topic = new NewTopic(NAME, partitions, replicationFactor)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(Set.of(topic)).all().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** The topic's {@code cleanup.policy} as the broker reports it. */
    public static String cleanupPolicy(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, NAME);
        Config config = admin.describeConfigs(Set.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
        ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        return policy == null ? TopicConfig.CLEANUP_POLICY_DELETE : policy.value();
    }

    /** Best effort: a client that may read the topic but not its configuration must still load the list. */
    private static void warnIfNotCompacted(Admin admin) throws InterruptedException {
        String policy;
        try {
            policy = cleanupPolicy(admin);
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not check the cleanup.policy of {0}: {1}", NAME,
                    e.getClass().getSimpleName());
            return;
        }
        if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            LOG.log(System.Logger.Level.ERROR, "Topic {0} has cleanup.policy={1}: revocations older than its "
                    + "retention will be forgotten. Set cleanup.policy=compact.", NAME, policy);
        }
    }
}
