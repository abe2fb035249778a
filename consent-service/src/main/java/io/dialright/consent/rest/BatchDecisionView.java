package io.dialright.consent.rest;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dialright.consent.domain.Channel;
import io.dialright.consent.domain.Purpose;
import io.dialright.consent.service.DecisionService;

/** Decisions of a batch, in the order of the request; {@code phone} is the number exactly as it was sent. */
public record BatchDecisionView(Purpose purpose, Channel channel, Instant decidedAt, int allowed, int blocked,
                                List<Result> results) {

    /** One number's decision. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String phone, boolean allowed, List<DecisionService.Reason> reasons,
                         DecisionService.AllowedBy allowedBy) {
    }
}
