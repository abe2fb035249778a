package io.dialright.consent.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.consent.repository.NumberCalls;
import io.dialright.consent.repository.NumberExports;

/**
 * What was done with a number (K-8: calls made, exports), as other services report it. Each fact is written under
 * the history writers' shared lock, which an erasure takes exclusively: a call or export recorded while the number is
 * being erased is either in place before the erasure deletes the number's history, or sees the erasure and, dated
 * before it, is left out.
 */
@ApplicationScoped
public class NumberHistory {

    private final NumberCalls calls;
    private final NumberExports exports;
    private final NumberLocks locks;

    public NumberHistory(NumberCalls calls, NumberExports exports, NumberLocks locks) {
        this.calls = calls;
        this.exports = exports;
        this.locks = locks;
    }

    public void called(String phoneHash, NumberCalls.Call call) {
        locks.shareWithHistoryWriters();
        calls.add(phoneHash, call);
    }

    public void exported(List<String> phoneHashes, NumberExports.Export export) {
        if (phoneHashes.isEmpty()) {
            return;
        }
        locks.shareWithHistoryWriters();
        exports.add(phoneHashes, export);
    }
}
