package io.dialright.consent.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialright.consent.config.ConsentConfig;
import io.dialright.consent.domain.CustomerChannel;
import io.dialright.consent.domain.PrivacyRequest;
import io.dialright.consent.domain.PrivacyRequestStatus;
import io.dialright.consent.domain.PrivacyRequestType;
import io.dialright.consent.repository.PrivacyRequestRepository;
import io.dialright.consent.repository.PrivacyRequestStepRepository;
import io.dialright.platform.audit.AccessRecorder;
import io.dialright.platform.events.Actor;
import io.dialright.platform.problem.ProblemException;

/** Receives privacy requests: erasures start their ticket (K-7), access requests are answered at once (K-8). */
@ApplicationScoped
public class PrivacyRequestService {

    private final PrivacyRequestRepository requests;
    private final PrivacyRequestStepRepository steps;
    private final ErasureService erasures;
    private final AccessReports reports;
    private final NumberLocks locks;
    private final AccessRecorder audit;
    private final ObjectMapper json;
    private final ConsentConfig config;
    private final Clock clock;

    public PrivacyRequestService(PrivacyRequestRepository requests, PrivacyRequestStepRepository steps,
                                 ErasureService erasures, AccessReports reports, NumberLocks locks,
                                 AccessRecorder audit, ObjectMapper json, ConsentConfig config, Clock clock) {
        this.requests = requests;
        this.steps = steps;
        this.erasures = erasures;
        this.reports = reports;
        this.locks = locks;
        this.audit = audit;
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public PrivacyRequest receive(PrivacyRequestType type, IndexedNumber number, CustomerChannel channel,
                                  String requester, Actor actor) {
        if (type == PrivacyRequestType.ERASURE) {
            return erasures.request(number, channel, requester, actor);
        }
        Instant now = clock.instant();
        locks.lock(number.phoneHash());
        PrivacyRequest ticket = new PrivacyRequest();
        ticket.id = UUID.randomUUID();
        ticket.type = PrivacyRequestType.ACCESS;
        ticket.phoneHash = number.phoneHash();
        ticket.masked = number.masked();
        ticket.channel = channel;
        ticket.requester = requester;
        ticket.receivedBy = actor.subject();
        ticket.receivedAt = now;
        ticket.dueBy = now.plus(config.access().due());
        ticket.status = PrivacyRequestStatus.COMPLETED;
        ticket.completedAt = now;
        ticket.report = toJson(reports.build(number, now));
        requests.persistAndFlush(ticket);
        steps.append(ticket.id, "RECEIVED", now, actor.subject(), "through " + channel);
        steps.append(ticket.id, "COMPLETED", now, "consent-service", "report generated");
        audit.record(actor, AuditActions.PRIVACY_REQUEST, null, number.phoneHash(),
                Map.of("privacyRequestId", ticket.id.toString(), "type", "ACCESS", "step", "COMPLETED"));
        return ticket;
    }

    /** A ticket as the privacy officer reads it; reading an access report is itself audited. */
    @Transactional
    public PrivacyRequest read(UUID id, Actor actor) {
        PrivacyRequest ticket = requests.findById(id);
        if (ticket == null) {
            throw ProblemException.notFound("There is no privacy request " + id + ".");
        }
        audit.record(actor, AuditActions.VIEW, null, ticket.phoneHash,
                Map.of("privacyRequestId", id.toString(), "type", ticket.type.name()));
        return ticket;
    }

    private String toJson(AccessReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The access report could not be written as JSON", e);
        }
    }
}
