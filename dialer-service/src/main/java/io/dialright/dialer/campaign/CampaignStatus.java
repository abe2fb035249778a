package io.dialright.dialer.campaign;

/** A campaign hands out calls only while {@code RUNNING}. */
public enum CampaignStatus {
    DRAFT,
    RUNNING,
    PAUSED
}
