package io.dialright.gateway.access;

/** The six roles of PRODUCT.md, as they appear in a token's {@code groups} claim. */
public final class Roles {

    public static final String OPERATOR = "operator";
    public static final String SUPERVISOR = "supervisor";
    public static final String ANALYST = "analyst";
    public static final String ADMIN = "admin";
    public static final String INTEGRATION = "integration";
    public static final String PRIVACY_OFFICER = "privacy-officer";

    private Roles() {
    }
}
