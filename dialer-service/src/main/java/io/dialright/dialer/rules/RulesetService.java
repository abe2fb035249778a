package io.dialright.dialer.rules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.dialright.platform.events.Actor;
import io.dialright.platform.problem.Problem.FieldError;
import io.dialright.platform.problem.ProblemException;
import io.dialright.platform.web.Page;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The rulesets and their versions (D-2). Versions are kept in memory, so {@link #inForce} costs a map lookup: the
 * cache is reloaded for an id right after a PUT of this instance, and entirely every
 * {@code dialright.dialer.rules.refresh-every} (default 60 s) to pick up the PUTs of other instances.
 *
 * <p>The version in force at an instant is the highest version whose {@code effectiveFrom} is at or before it: a
 * newer version replaces an older one from its {@code effectiveFrom} on, even if the older one was scheduled later.
 */
@ApplicationScoped
public class RulesetService {

    private static final Logger LOG = Logger.getLogger(RulesetService.class);
    /** A PUT may date a version back by this much (clock skew, a slow request), no further. */
    static final Duration PAST_TOLERANCE = Duration.ofMinutes(1);

    private final RulesetStore store;
    private final Clock clock;
    private final String defaultRulesetId;
    private final Object reloading = new Object();
    /** Id → versions, oldest first; replaced, never changed in place. */
    private volatile Map<String, List<RulesetVersion>> versions;

    public RulesetService(RulesetStore store, Clock clock,
                          @ConfigProperty(name = "dialright.dialer.rules.default-ruleset",
                                  defaultValue = "ru-default") String defaultRulesetId) {
        this.store = store;
        this.clock = clock;
        this.defaultRulesetId = defaultRulesetId;
    }

    /** The ruleset of campaigns that name none. */
    public String defaultRulesetId() {
        return defaultRulesetId;
    }

    public boolean exists(String id) {
        return versionsOf(id) != null;
    }

    /**
     * The version of {@code rulesetId} in force at {@code at}.
     *
     * @throws ProblemException 404 when there is no such ruleset, 422 when none of its versions is in force yet
     */
    public Ruleset inForce(String rulesetId, Instant at) {
        List<RulesetVersion> history = versionsOf(rulesetId);
        if (history == null) {
            throw ProblemException.notFound("There is no ruleset '" + rulesetId + "'.");
        }
        RulesetVersion version = inForce(history, at);
        if (version == null) {
            throw new ProblemException(422, "Ruleset not in force yet", "Ruleset '" + rulesetId + "' has no "
                    + "version in force at " + at + "; its first version takes effect at "
                    + history.get(0).ruleset().effectiveFrom() + ".");
        }
        return version.ruleset();
    }

    /** The versions of a ruleset, oldest first; 404 when there is none. */
    public List<RulesetVersion> history(String id) {
        List<RulesetVersion> history = versionsOf(id);
        if (history == null) {
            throw ProblemException.notFound("There is no ruleset '" + id + "'.");
        }
        return history;
    }

    /** The version of each ruleset in force now, or its first scheduled version while none is; by id. */
    public Page<RulesetView> list(int page, int size) {
        Instant now = clock.instant();
        Map<String, List<RulesetVersion>> snapshot = all();
        List<String> ids = new ArrayList<>(snapshot.keySet());
        List<RulesetView> items = new ArrayList<>();
        long offset = (long) page * size;
        for (long i = offset; i < Math.min(ids.size(), offset + size); i++) {
            List<RulesetVersion> history = snapshot.get(ids.get((int) i));
            RulesetVersion current = inForce(history, now);
            items.add(current != null ? RulesetView.of(current, true) : RulesetView.of(history.get(0), false));
        }
        return new Page<>(items, page, size, ids.size());
    }

    /** The version of {@code history} in force at {@code at}, or {@code null}. */
    static RulesetVersion inForce(List<RulesetVersion> history, Instant at) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (!history.get(i).ruleset().effectiveFrom().isAfter(at)) {
                return history.get(i);
            }
        }
        return null;
    }

    /**
     * Adds a version: version 1 for a new id, else the next. 400 for an invalid id or body (every field error
     * listed), 409 for a preset, 422 for an {@code effectiveFrom} more than a minute in the past.
     */
    public RulesetVersion put(String id, RulesetRequest request, Actor actor) {
        if (!RulesetValidator.validId(id)) {
            throw ProblemException.invalidField("id", "A ruleset id is 2 to 64 lower-case letters, digits and "
                    + "dashes, e.g. 'ru-weekdays'.");
        }
        List<RulesetVersion> known = versionsOf(id);
        if (known != null && known.get(known.size() - 1).ruleset().preset()) {
            throw presetIsReadOnly(id);
        }
        if (request == null) {
            throw new ProblemException(400, "Invalid ruleset", "Send the ruleset as a JSON body.");
        }
        RulesetContent content = RulesetValidator.validate(request);
        Instant now = clock.instant();
        Instant effectiveFrom = request.effectiveFrom() == null ? now : request.effectiveFrom();
        if (effectiveFrom.isBefore(now.minus(PAST_TOLERANCE))) {
            String message = "A new version cannot take effect in the past (" + effectiveFrom + "): leave "
                    + "effectiveFrom out for now, or give a future instant.";
            throw new ProblemException(422, "Effective date in the past", message,
                    List.of(new FieldError("effectiveFrom", message)));
        }
        RulesetVersion added = store.append(id, content, effectiveFrom, actor.subject(), now);
        reload(id);
        LOG.infof("Ruleset %s v%d added by %s, effective from %s", id, added.ruleset().version(), actor.subject(),
                effectiveFrom);
        return added;
    }

    static ProblemException presetIsReadOnly(String id) {
        return new ProblemException(409, "Preset is read-only", "'" + id + "' is a preset shipped with Dialright "
                + "and cannot be changed: PUT a copy under a new id (e.g. '" + id + "-custom') and use that id in "
                + "your campaigns.");
    }

    /** Reloads every ruleset from the database; the PUTs of other instances arrive this way. */
    @Scheduled(every = "${dialright.dialer.rules.refresh-every:60s}", delayed = "${dialright.dialer.rules"
            + ".refresh-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            reloadAll();
        } catch (RuntimeException e) {
            LOG.warnf("Could not reload the rulesets, keeping the ones loaded before: %s", e.getMessage());
        }
    }

    void onStart(@Observes StartupEvent start) {
        try {
            if (!exists(defaultRulesetId)) {
                LOG.errorf("The default ruleset '%s' (dialright.dialer.rules.default-ruleset) does not exist: "
                        + "campaigns without a ruleset cannot be called", defaultRulesetId);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not load the rulesets at start: %s", e.getMessage());
        }
    }

    private List<RulesetVersion> versionsOf(String id) {
        if (id == null) {
            return null;
        }
        List<RulesetVersion> history = all().get(id);
        if (history == null && RulesetValidator.validId(id)) {
            // Perhaps added by another instance since the last refresh.
            history = reload(id);
        }
        return history;
    }

    private Map<String, List<RulesetVersion>> all() {
        Map<String, List<RulesetVersion>> loaded = versions;
        return loaded != null ? loaded : reloadAll();
    }

    private Map<String, List<RulesetVersion>> reloadAll() {
        synchronized (reloading) {
            Map<String, List<RulesetVersion>> byId = new TreeMap<>();
            for (RulesetVersion version : store.loadAll()) {
                byId.computeIfAbsent(version.ruleset().id(), id -> new ArrayList<>()).add(version);
            }
            byId.replaceAll((id, list) -> List.copyOf(list));
            versions = Collections.unmodifiableMap(byId);
            return versions;
        }
    }

    private List<RulesetVersion> reload(String id) {
        synchronized (reloading) {
            List<RulesetVersion> history = store.load(id);
            if (history.isEmpty()) {
                return null;
            }
            Map<String, List<RulesetVersion>> byId = new TreeMap<>(all());
            byId.put(id, List.copyOf(history));
            versions = Collections.unmodifiableMap(byId);
            return byId.get(id);
        }
    }
}
