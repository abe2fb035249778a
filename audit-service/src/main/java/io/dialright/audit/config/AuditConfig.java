package io.dialright.audit.config;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the audit trail; environment variables {@code DIALRIGHT_AUDIT_…}. */
@ConfigMapping(prefix = "dialright.audit")
public interface AuditConfig {

    /** Signed checkpoints of the chain head. */
    Checkpoints checkpoints();

    /** Rules that raise alerts on suspicious behaviour. */
    Alerts alerts();

    interface Alerts {
        /** Copies of numbers by one person that raise an alert within {@link #copyWindow()}. */
        @WithDefault("5")
        int copyThreshold();

        /** Window of the copy rule. */
        @WithDefault("1h")
        Duration copyWindow();

        /** Distinct contacts viewed by one person that count as a bulk read within {@link #bulkReadWindow()}. */
        @WithDefault("50")
        int bulkReadThreshold();

        /** Window of the bulk-read rule. */
        @WithDefault("10m")
        Duration bulkReadWindow();

        /** Denied attempts by one person that raise an alert within {@link #deniedWindow()}. */
        @WithDefault("5")
        int deniedThreshold();

        /** Window of the denied-attempts rule. */
        @WithDefault("10m")
        Duration deniedWindow();

        /** Actions that are suspicious outside working hours (edits, exports). */
        @WithDefault("EDIT,EXPORT,ContactUpdated,ContactsMerged")
        List<String> offHoursActions();

        /** Start of working hours, in {@link #timeZone()}. */
        @WithDefault("09:00")
        LocalTime workStarts();

        /** End of working hours, in {@link #timeZone()}. */
        @WithDefault("20:00")
        LocalTime workEnds();

        /** Working days. */
        @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
        Set<DayOfWeek> workDays();

        /** The call centre's time zone, in which working hours are read. */
        @WithDefault("Europe/Moscow")
        ZoneId timeZone();

        /** At most one off-hours alert per person within this window. */
        @WithDefault("1h")
        Duration offHoursWindow();
    }

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
