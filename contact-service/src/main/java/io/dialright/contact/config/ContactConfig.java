package io.dialright.contact.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** contact-service settings ({@code dialright.contact.*}; environment {@code DIALRIGHT_CONTACT_*}). */
@ConfigMapping(prefix = "dialright.contact")
public interface ContactConfig {

    Encryption encryption();

    /** How long an operator keeps access to a contact after their last contact with the customer (C-8). */
    @WithDefault("24h")
    Duration assignmentTtl();

    /** The team of contacts created by machine clients that name none (web forms, imports by integrations). */
    @WithDefault("general")
    String defaultTeam();

    Routing routing();

    Signals signals();

    /**
     * How often the audit entries of caller-ID lookups are written (each lookup gets its own entry; they are written
     * together, see {@code LookupAudit}). Quarkus' scheduler runs nothing more often than once a second.
     */
    @WithDefault("1s")
    Duration lookupAuditInterval();

    /**
     * How many caller-ID lookups read from PostgreSQL at once; the others wait their turn in the service. PostgreSQL
     * runs a backend process per connection, and more of them busy at once than the server has cores only adds
     * context switches: on 2 cores, 16 concurrent lookups got through a third fewer reads per second than 4 did.
     * About twice the database server's cores.
     */
    @WithDefault("4")
    int lookupConcurrentReads();

    LookupCache lookupCache();

    Imports imports();

    Exports exports();

    interface Encryption {

        /** The key ring: {@code id:base64-32-byte-key,…}; every key still opens what it sealed. Never in the database. */
        String keyRing();

        /** The id of the key that seals new values; rotate by adding a key, making it primary, then re-encrypting. */
        String primaryKeyId();

        /** Rows moved to the primary key per run of the re-encryption job. */
        @WithDefault("500")
        int reencryptionBatch();

        /** How often the re-encryption job runs ({@code off} to disable). */
        @WithDefault("60s")
        String reencryptionEvery();
    }

    /** Caller-ID routing rules (C-4), applied in this order: blacklist, complaints, VIP, default. */
    interface Routing {

        /** Tags that mark a blacklisted caller: the call is rejected. */
        @WithDefault("blacklist")
        List<String> blacklistTags();

        /** Tags of VIP customers: routed to the priority queue, or to their personal manager if they have one. */
        @WithDefault("vip")
        List<String> vipTags();

        /** A tag {@code <prefix><subject>} names the customer's personal manager. */
        @WithDefault("manager:")
        String personalManagerTagPrefix();

        /** Complaints within {@link #complaintsWindow()} that send the caller to the senior quality queue. */
        @WithDefault("3")
        int complaintsThreshold();

        @WithDefault("30d")
        Duration complaintsWindow();

        @WithDefault("priority")
        String priorityQueue();

        @WithDefault("senior-quality")
        String seniorQualityQueue();

        @WithDefault("general")
        String defaultQueue();

        /** The queue of unknown numbers, whose operator is offered to create a contact after the call. */
        @WithDefault("general")
        String unknownQueue();
    }

    /** Signals shown with a caller's card (C-4). */
    interface Signals {

        /** More than this many contacts within {@link #frequentWindow()}: probably an unresolved problem. */
        @WithDefault("3")
        int frequentContacts();

        @WithDefault("7d")
        Duration frequentWindow();

        /** Last contact at least this long ago: a reactivation opportunity. */
        @WithDefault("90d")
        Duration dormantAfter();

        /** Interactions returned with a card. */
        @WithDefault("10")
        int recentInteractions();
    }

    /**
     * The cache that answers repeated caller-ID lookups without PostgreSQL ({@code CallerCache}). Every change to a
     * contact, its numbers or its calls makes it forget the numbers concerned, through notifications PostgreSQL sends
     * on commit; while they cannot be received, nothing is cached.
     */
    interface LookupCache {

        /**
         * Most numbers held, each with its card and history: about 250 MB of heap per 100,000 (measured with one
         * number per contact). 0 turns the cache off.
         */
        @WithDefault("100000")
        long maxEntries();

        /**
         * How long a number is held at most, however often it is asked for: a bound on what a change that bypassed
         * every notification (none is known) could leave behind. Each number is held between half and all of it.
         */
        @WithDefault("30m")
        Duration maxAge();
    }

    interface Imports {

        /** Rows written per transaction. */
        @WithDefault("2000")
        int batchSize();

        /** Rejected rows, and duplicate rows, whose line and reason are kept per job (all are counted). */
        @WithDefault("1000")
        int maxErrorsKept();

        /** Where uploaded files wait for their job. */
        @WithDefault("imports")
        String spoolDir();
    }

    interface Exports {

        /** Most contacts one export may hold. */
        @WithDefault("100000")
        int maxContacts();

        /** How long an approved export can be downloaded (once). */
        @WithDefault("24h")
        Duration downloadWindow();
    }
}
