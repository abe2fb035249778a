package io.dialright.consent.service;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.dialright.consent.domain.ConsentTemplate;
import io.dialright.consent.domain.Purpose;
import io.dialright.consent.repository.ConsentTemplateRepository;
import io.dialright.platform.events.Actor;
import io.dialright.platform.problem.ProblemException;

/**
 * Versioned consent texts (K-2). A new text of a code is a new version; a version may be corrected only until it is
 * first shown (used by a consent), after which it is immutable.
 */
@ApplicationScoped
public class TemplateService {

    /** The content of a template version, as the privacy officer writes it. */
    public record Content(String code, Purpose purpose, String companyName, String inn, String companyAddress,
                          String dataComposition, String processingMethods, String term, String revocation,
                          String frequency, String body) {
    }

    private final ConsentTemplateRepository templates;
    private final Clock clock;

    public TemplateService(ConsentTemplateRepository templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
    }

    @Transactional
    public ConsentTemplate create(Content content, Actor actor) {
        checkInn(content.inn());
        templates.lockCode(content.code());
        ConsentTemplate template = new ConsentTemplate();
        template.id = UUID.randomUUID();
        template.code = content.code();
        template.version = templates.nextVersion(content.code());
        template.createdBy = actor.subject();
        template.createdAt = clock.instant();
        apply(template, content);
        templates.persist(template);
        return template;
    }

    /** Corrects a version that nobody has seen yet; a shown one is refused with what to do instead. */
    @Transactional
    public ConsentTemplate correct(UUID id, Content content) {
        ConsentTemplate template = templates.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (template == null) {
            throw ProblemException.notFound("There is no consent template " + id + ".");
        }
        if (template.shown()) {
            throw new ProblemException(409, "Template version shown", "Version " + template.version + " of '"
                    + template.code + "' has been shown to customers since " + template.firstShownAt
                    + " and can no longer change; POST the new text to /api/consent-templates with code '"
                    + template.code + "' to create version " + (templates.nextVersion(template.code)) + ".");
        }
        if (!template.code.equals(content.code())) {
            throw ProblemException.invalidField("code", "A version keeps its code ('" + template.code + "'); "
                    + "create a template with the new code instead.");
        }
        checkInn(content.inn());
        apply(template, content);
        return template;
    }

    private static void apply(ConsentTemplate template, Content content) {
        template.purpose = content.purpose();
        template.companyName = content.companyName();
        template.inn = content.inn();
        template.companyAddress = content.companyAddress();
        template.dataComposition = content.dataComposition();
        template.processingMethods = content.processingMethods();
        template.term = content.term();
        template.revocation = content.revocation();
        template.frequency = content.frequency();
        template.body = content.body();
    }

    /** A Russian taxpayer number: 10 digits (organisation) or 12 (individual entrepreneur) with check digits. */
    static void checkInn(String inn) {
        if (!Inn.valid(inn)) {
            throw ProblemException.invalidField("inn", "The INN must be 10 digits (organisation) or 12 digits "
                    + "(individual entrepreneur) with valid check digits, e.g. 7701234560.");
        }
    }
}
