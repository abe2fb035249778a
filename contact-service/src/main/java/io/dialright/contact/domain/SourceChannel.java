package io.dialright.contact.domain;

/** Where a number came from (C-2); the answer to "how did you get my number?". */
public enum SourceChannel {
    WEB_FORM,
    SHOP_RECEIPT,
    AD_CAMPAIGN,
    OFFICE_VISIT,
    OPERATOR,
    IVR,
    INTEGRATION,
    IMPORT
}
