package io.dialright.platform.web;

import java.util.List;

/** A page of a list, as every list endpoint answers (API.md "Lists": {@code ?page=0&size=50}, size ≤ 500). */
public record Page<T>(List<T> items, int page, int size, long total) {

    /** The largest page a client may ask for. */
    public static final int MAX_SIZE = 500;
}
