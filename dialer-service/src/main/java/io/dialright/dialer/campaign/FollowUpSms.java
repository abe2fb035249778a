package io.dialright.dialer.campaign;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import io.dialright.dialer.domain.CallOutcome;

/**
 * A text sent after a call that ended with one of {@code outcomes} (D-6), only where consent-service allows SMS for
 * the campaign's purpose. {@code {callbackAt}} in the text becomes the agreed callback time.
 */
public record FollowUpSms(@NotEmpty List<CallOutcome> outcomes, @NotBlank @Size(max = 480) String text) {
}
