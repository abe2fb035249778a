package io.dialright.audit.alert;

/** The alert rules of A-4. */
public enum Rule {
    /** Many numbers copied to the clipboard by one person. */
    MASS_COPY,
    /** Many different contacts viewed by one person in a short time. */
    BULK_READ,
    /** Access refused again and again. */
    REPEATED_DENIALS,
    /** Edits or exports outside working hours. */
    OFF_HOURS_CHANGE
}
