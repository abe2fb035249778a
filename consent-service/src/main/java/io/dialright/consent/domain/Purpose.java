package io.dialright.consent.domain;

/** Why a number is called (K-1). Each purpose needs its own basis: marketing is never implied by another one. */
public enum Purpose {
    ORDER_STATUS("order status"),
    TECH_SUPPORT("technical support"),
    DOCUMENTS("receipts and documents"),
    SURVEY("quality surveys"),
    MARKETING("marketing offers"),
    EMERGENCY("emergency service notifications");

    private final String description;

    Purpose(String description) {
        this.description = description;
    }

    /** How the purpose is named to a customer (SMS texts, reports). */
    public String description() {
        return description;
    }
}
