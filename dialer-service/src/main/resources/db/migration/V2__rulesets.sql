-- Calling rules as data (D-2). A ruleset is a list of versions: a PUT adds a version, none is ever changed; the
-- version in force at an instant is the highest version whose effective_from has come. The body is the ruleset's
-- content in the JSON shape of the API (name, country, rule, hours, holidays, holidayHours and the limits).
CREATE TABLE ruleset_version (
    id             text        NOT NULL CHECK (id ~ '^[a-z0-9-]{2,64}$'),
    version        integer     NOT NULL CHECK (version > 0),
    body           jsonb       NOT NULL,
    effective_from timestamptz NOT NULL,
    created_by     text        NOT NULL,
    created_at     timestamptz NOT NULL,
    preset         boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (id, version)
);

-- Versions are evidence of which rule allowed a call: refuse to rewrite or delete them.
CREATE FUNCTION ruleset_version_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ruleset_version rows are never changed: add a version instead';
END $$;
CREATE TRIGGER ruleset_version_append_only BEFORE UPDATE OR DELETE ON ruleset_version
    FOR EACH ROW EXECUTE FUNCTION ruleset_version_is_append_only();

-- Public holidays and official non-working days per country; a ruleset with a country uses its country's days on
-- top of its own list.
CREATE TABLE public_holiday (
    country char(2) NOT NULL,
    day     date    NOT NULL,
    name    text    NOT NULL,
    PRIMARY KEY (country, day)
);

-- Russia: the non-working holidays of the Labour Code, art. 112, and the days off moved onto working days.
-- 2026: Government Decree of 24.09.2025 moves the days off of Sat 3 and Sun 4 January to Fri 9 January and
-- Thu 31 December; Sun 8 March and Sat 9 May move to the next working day by art. 112 itself.
-- 2027: the holidays and the art. 112 moves (Sat 1 May -> Mon 3 May, Sun 9 May -> Mon 10 May, Sat 12 June ->
-- Mon 14 June). The days off of Sat 2 and Sun 3 January 2027 are moved by a government decree that was not
-- published when this was written: add them in a later migration once it is.
INSERT INTO public_holiday (country, day, name) VALUES
    ('RU', '2026-01-01', 'New Year holidays'),
    ('RU', '2026-01-02', 'New Year holidays'),
    ('RU', '2026-01-03', 'New Year holidays'),
    ('RU', '2026-01-04', 'New Year holidays'),
    ('RU', '2026-01-05', 'New Year holidays'),
    ('RU', '2026-01-06', 'New Year holidays'),
    ('RU', '2026-01-07', 'Orthodox Christmas'),
    ('RU', '2026-01-08', 'New Year holidays'),
    ('RU', '2026-01-09', 'Day off moved from Saturday 3 January'),
    ('RU', '2026-02-23', 'Defender of the Fatherland Day'),
    ('RU', '2026-03-08', 'International Women''s Day'),
    ('RU', '2026-03-09', 'Day off for International Women''s Day (a Sunday)'),
    ('RU', '2026-05-01', 'Spring and Labour Day'),
    ('RU', '2026-05-09', 'Victory Day'),
    ('RU', '2026-05-11', 'Day off for Victory Day (a Saturday)'),
    ('RU', '2026-06-12', 'Russia Day'),
    ('RU', '2026-11-04', 'Unity Day'),
    ('RU', '2026-12-31', 'Day off moved from Sunday 4 January'),
    ('RU', '2027-01-01', 'New Year holidays'),
    ('RU', '2027-01-02', 'New Year holidays'),
    ('RU', '2027-01-03', 'New Year holidays'),
    ('RU', '2027-01-04', 'New Year holidays'),
    ('RU', '2027-01-05', 'New Year holidays'),
    ('RU', '2027-01-06', 'New Year holidays'),
    ('RU', '2027-01-07', 'Orthodox Christmas'),
    ('RU', '2027-01-08', 'New Year holidays'),
    ('RU', '2027-02-23', 'Defender of the Fatherland Day'),
    ('RU', '2027-03-08', 'International Women''s Day'),
    ('RU', '2027-05-01', 'Spring and Labour Day'),
    ('RU', '2027-05-03', 'Day off for Spring and Labour Day (a Saturday)'),
    ('RU', '2027-05-09', 'Victory Day'),
    ('RU', '2027-05-10', 'Day off for Victory Day (a Sunday)'),
    ('RU', '2027-06-12', 'Russia Day'),
    ('RU', '2027-06-14', 'Day off for Russia Day (a Saturday)'),
    ('RU', '2027-11-04', 'Unity Day');

-- United States: the federal holidays of 5 U.S.C. 6103 and the days they are observed on (a Saturday holiday on
-- the Friday before, a Sunday holiday on the Monday after, as OPM publishes them).
INSERT INTO public_holiday (country, day, name) VALUES
    ('US', '2026-01-01', 'New Year''s Day'),
    ('US', '2026-01-19', 'Birthday of Martin Luther King, Jr.'),
    ('US', '2026-02-16', 'Washington''s Birthday'),
    ('US', '2026-05-25', 'Memorial Day'),
    ('US', '2026-06-19', 'Juneteenth National Independence Day'),
    ('US', '2026-07-03', 'Independence Day (observed)'),
    ('US', '2026-07-04', 'Independence Day'),
    ('US', '2026-09-07', 'Labor Day'),
    ('US', '2026-10-12', 'Columbus Day'),
    ('US', '2026-11-11', 'Veterans Day'),
    ('US', '2026-11-26', 'Thanksgiving Day'),
    ('US', '2026-12-25', 'Christmas Day'),
    ('US', '2027-01-01', 'New Year''s Day'),
    ('US', '2027-01-18', 'Birthday of Martin Luther King, Jr.'),
    ('US', '2027-02-15', 'Washington''s Birthday'),
    ('US', '2027-05-31', 'Memorial Day'),
    ('US', '2027-06-18', 'Juneteenth National Independence Day (observed)'),
    ('US', '2027-06-19', 'Juneteenth National Independence Day'),
    ('US', '2027-07-04', 'Independence Day'),
    ('US', '2027-07-05', 'Independence Day (observed)'),
    ('US', '2027-09-06', 'Labor Day'),
    ('US', '2027-10-11', 'Columbus Day'),
    ('US', '2027-11-11', 'Veterans Day'),
    ('US', '2027-11-25', 'Thanksgiving Day'),
    ('US', '2027-12-24', 'Christmas Day (observed)'),
    ('US', '2027-12-25', 'Christmas Day'),
    ('US', '2027-12-31', 'New Year''s Day 2028 (observed)');

-- France: the jours fériés of the Code du travail, art. L3133-1 (Alsace-Moselle's extra days are regional and
-- not included).
INSERT INTO public_holiday (country, day, name) VALUES
    ('FR', '2026-01-01', 'Jour de l''an'),
    ('FR', '2026-04-06', 'Lundi de Pâques'),
    ('FR', '2026-05-01', 'Fête du Travail'),
    ('FR', '2026-05-08', 'Victoire 1945'),
    ('FR', '2026-05-14', 'Ascension'),
    ('FR', '2026-05-25', 'Lundi de Pentecôte'),
    ('FR', '2026-07-14', 'Fête nationale'),
    ('FR', '2026-08-15', 'Assomption'),
    ('FR', '2026-11-01', 'Toussaint'),
    ('FR', '2026-11-11', 'Armistice 1918'),
    ('FR', '2026-12-25', 'Noël'),
    ('FR', '2027-01-01', 'Jour de l''an'),
    ('FR', '2027-03-29', 'Lundi de Pâques'),
    ('FR', '2027-05-01', 'Fête du Travail'),
    ('FR', '2027-05-06', 'Ascension'),
    ('FR', '2027-05-08', 'Victoire 1945'),
    ('FR', '2027-05-17', 'Lundi de Pentecôte'),
    ('FR', '2027-07-14', 'Fête nationale'),
    ('FR', '2027-08-15', 'Assomption'),
    ('FR', '2027-11-01', 'Toussaint'),
    ('FR', '2027-11-11', 'Armistice 1918'),
    ('FR', '2027-12-25', 'Noël');

-- The presets: read-only (a PUT answers 409); copy one under a new id to change it. Where a law sets no attempt
-- limit, Dialright's default of D-2 applies on top (3 attempts in 7 days, then 30 days' rest; 60 minutes between
-- attempts; in sensitive campaigns no call by another operator within 24 hours).
INSERT INTO ruleset_version (id, version, body, effective_from, created_by, created_at, preset) VALUES
('ru-default', 1, '{
  "name": "Russia: Dialright default",
  "country": "RU",
  "rule": "Dialright default from the source article (D-2): call only on weekdays 09:00-20:00 in the callee''s local time, never during lunch 13:00-14:00, at weekends or on public holidays; at most 3 attempts in 7 days, then a 30-day pause; in sensitive campaigns no call by another operator within 24 hours.",
  "hours": {"MON": [["09:00", "13:00"], ["14:00", "20:00"]], "TUE": [["09:00", "13:00"], ["14:00", "20:00"]],
            "WED": [["09:00", "13:00"], ["14:00", "20:00"]], "THU": [["09:00", "13:00"], ["14:00", "20:00"]],
            "FRI": [["09:00", "13:00"], ["14:00", "20:00"]], "SAT": [], "SUN": []},
  "holidays": [], "holidayHours": [],
  "maxAttemptsPer7Days": 3, "coolOffDays": 30, "minGapMinutes": 60, "otherOperatorLockHours": 24,
  "maxConversationsPerDay": null, "maxConversationsPer7Days": null, "maxConversationsPer30Days": null,
  "maxAttemptsPer30Days": null, "daysAfterRefusal": null
}', '2020-01-01T00:00:00Z', 'dialright', now(), true),
('ru-230fz', 1, '{
  "name": "Russia: debt collection (230-FZ)",
  "country": "RU",
  "rule": "Federal Law 230-FZ, art. 7 part 3: a creditor may call a debtor only 08:00-22:00 on working days and 09:00-20:00 on weekends and non-working holidays, in the debtor''s local time, and hold at most one telephone conversation a day, two a week and eight a month; Dialright''s default attempt limits apply on top.",
  "hours": {"MON": [["08:00", "22:00"]], "TUE": [["08:00", "22:00"]], "WED": [["08:00", "22:00"]],
            "THU": [["08:00", "22:00"]], "FRI": [["08:00", "22:00"]], "SAT": [["09:00", "20:00"]],
            "SUN": [["09:00", "20:00"]]},
  "holidays": [], "holidayHours": [["09:00", "20:00"]],
  "maxAttemptsPer7Days": 3, "coolOffDays": 30, "minGapMinutes": 60, "otherOperatorLockHours": 24,
  "maxConversationsPerDay": 1, "maxConversationsPer7Days": 2, "maxConversationsPer30Days": 8,
  "maxAttemptsPer30Days": null, "daysAfterRefusal": null
}', '2020-01-01T00:00:00Z', 'dialright', now(), true),
('us-tcpa', 1, '{
  "name": "United States: TCPA calling hours",
  "country": "US",
  "rule": "US Telephone Consumer Protection Act, 47 CFR 64.1200(c)(1): no telephone solicitation before 08:00 or after 21:00 local time at the called party''s location, on any day including holidays; Dialright''s default attempt limits apply on top.",
  "hours": {"MON": [["08:00", "21:00"]], "TUE": [["08:00", "21:00"]], "WED": [["08:00", "21:00"]],
            "THU": [["08:00", "21:00"]], "FRI": [["08:00", "21:00"]], "SAT": [["08:00", "21:00"]],
            "SUN": [["08:00", "21:00"]]},
  "holidays": [], "holidayHours": [["08:00", "21:00"]],
  "maxAttemptsPer7Days": 3, "coolOffDays": 30, "minGapMinutes": 60, "otherOperatorLockHours": 24,
  "maxConversationsPerDay": null, "maxConversationsPer7Days": null, "maxConversationsPer30Days": null,
  "maxAttemptsPer30Days": null, "daysAfterRefusal": null
}', '2020-01-01T00:00:00Z', 'dialright', now(), true),
('fr-2022', 1, '{
  "name": "France: consumer canvassing (decree 2022-1313)",
  "country": "FR",
  "rule": "France, decree 2022-1313 of 13 October 2022 (Code de la consommation): canvassing calls to consumers only Monday to Friday 10:00-13:00 and 14:00-20:00, never at weekends or on public holidays, at most 4 calls in 30 days and none for 60 days after the consumer refused; Dialright''s default attempt limits apply on top.",
  "hours": {"MON": [["10:00", "13:00"], ["14:00", "20:00"]], "TUE": [["10:00", "13:00"], ["14:00", "20:00"]],
            "WED": [["10:00", "13:00"], ["14:00", "20:00"]], "THU": [["10:00", "13:00"], ["14:00", "20:00"]],
            "FRI": [["10:00", "13:00"], ["14:00", "20:00"]], "SAT": [], "SUN": []},
  "holidays": [], "holidayHours": [],
  "maxAttemptsPer7Days": 3, "coolOffDays": 30, "minGapMinutes": 60, "otherOperatorLockHours": 24,
  "maxConversationsPerDay": null, "maxConversationsPer7Days": null, "maxConversationsPer30Days": null,
  "maxAttemptsPer30Days": 4, "daysAfterRefusal": 60
}', '2020-01-01T00:00:00Z', 'dialright', now(), true);
