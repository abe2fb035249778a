package io.dialright.platform.web;

import java.util.List;

/** A page of a list, as every list endpoint answers (API.md "Lists": {@code ?page=0&size=50}, size ≤ 500). */
public record Page<T>(List<T> items, int page, int size, long total) {

    /** The largest page a client may ask for. */
    public static final int MAX_SIZE = 500;

    /** The last page number accepted: page × size must stay an int offset (4,000,000 × 500 < 2^31). */
    public static final int MAX_PAGE = 4_000_000;
}
