package io.dialright.dialer.members;

import java.time.Instant;
import java.util.UUID;

/** Progress and outcome of a member job. */
public record MemberJobView(UUID id, UUID campaignId, UUID segmentId, MemberJob.Status status, int requested,
                            int added, int alreadyMembers, int notAvailable, int noNumber, String error,
                            Instant createdAt, Instant finishedAt) {

    static MemberJobView of(MemberJob job) {
        return new MemberJobView(job.id, job.campaignId, job.segmentId, job.status, job.requested, job.added,
                job.alreadyMembers, job.notAvailable, job.noNumber, job.error, job.createdAt, job.finishedAt);
    }
}
