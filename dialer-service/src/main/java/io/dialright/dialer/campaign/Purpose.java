package io.dialright.dialer.campaign;

/** Why a campaign calls, in consent-service's terms: the decision before every hand-out is asked for it. */
public enum Purpose {
    ORDER_STATUS,
    TECH_SUPPORT,
    DOCUMENTS,
    SURVEY,
    MARKETING,
    EMERGENCY
}
