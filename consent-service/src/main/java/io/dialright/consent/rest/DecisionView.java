package io.dialright.consent.rest;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dialright.consent.domain.Channel;
import io.dialright.consent.domain.Purpose;
import io.dialright.consent.service.DecisionService;

/**
 * The answer to "may this number be called for this purpose on this channel now?": every reason it may not, or
 * the record and legal basis that allow it. The number is shown masked.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecisionView(String masked, Purpose purpose, Channel channel, boolean allowed,
                           List<DecisionService.Reason> reasons, DecisionService.AllowedBy allowedBy,
                           Instant decidedAt) {
}
