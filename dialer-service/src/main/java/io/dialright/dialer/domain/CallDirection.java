package io.dialright.dialer.domain;

/** Who dialled: the call centre (outbound) or the customer (inbound). */
public enum CallDirection {
    INBOUND,
    OUTBOUND
}
