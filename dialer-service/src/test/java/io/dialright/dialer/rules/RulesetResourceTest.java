package io.dialright.dialer.rules;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.localstack.Rows;
import io.dialright.platform.problem.ProblemException;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.dialright.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "dialer"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
class RulesetResourceTest {

    private static final String SUPERVISOR = TestTokens.token("supervisor-1", "supervisor", "team-a");
    private static final List<String> PRESETS = List.of("ru-default", "ru-230fz", "us-tcpa", "fr-2022");

    @Inject
    RulesetService rulesets;

    @Inject
    CallingHours hours;

    @Inject
    HolidayCalendar calendar;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void listShowsTheFourPresetsToSupervisorsAnalystsAndAdmins() {
        for (String role : List.of("supervisor", "analyst", "admin")) {
            given().auth().oauth2(TestTokens.token(role + "-1", role, "team-a"))
                    .queryParam("size", 500)
                    .get("/api/rulesets")
                    .then().statusCode(200)
                    .body("items.id", hasItems(PRESETS.toArray(String[]::new)))
                    .body("items.find { it.id == 'ru-default' }.preset", equalTo(true))
                    .body("items.find { it.id == 'ru-default' }.hours.MON",
                            equalTo(List.of(List.of("09:00", "13:00"), List.of("14:00", "20:00"))))
                    .body("items.find { it.id == 'ru-default' }.hours.SAT", hasSize(0))
                    .body("items.find { it.id == 'ru-230fz' }.maxConversationsPerDay", equalTo(1))
                    .body("items.find { it.id == 'fr-2022' }.daysAfterRefusal", equalTo(60))
                    .body("total", greaterThanOrEqualTo(4));
        }
    }

    @Test
    void seededPresetsAreTheRulesTheEngineIsTestedWith() {
        Instant now = Instant.now();
        List<Ruleset> expected = List.of(RulesetFixtures.ruDefault(), RulesetFixtures.ru230fz(),
                RulesetFixtures.usTcpa(), RulesetFixtures.fr2022());
        for (Ruleset fixture : expected) {
            Ruleset seeded = rulesets.inForce(fixture.id(), now);
            assertThat(seeded).usingRecursiveComparison().ignoringFields("name", "rule", "preset")
                    .isEqualTo(fixture);
            assertThat(seeded.preset()).isTrue();
            assertThat(seeded.rule()).isNotBlank();
        }
        assertThat(rulesets.defaultRulesetId()).isEqualTo("ru-default");
        assertThat(rulesets.exists("ru-default")).isTrue();
    }

    @Test
    void putCreatesVersionOneThenVersionTwoAndKeepsTheHistory() {
        String id = freshId();
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));

        put(id, body("Team A weekdays"), SUPERVISOR).statusCode(200)
                .body("id", equalTo(id))
                .body("version", equalTo(1))
                .body("inForce", equalTo(true))
                .body("preset", equalTo(false))
                .body("createdBy", equalTo("supervisor-1"))
                .body("hours.MON", equalTo(List.of(List.of("10:00", "13:00"), List.of("14:00", "19:00"))))
                .body("hours.SUN", hasSize(0))
                .body("holidays", equalTo(List.of("2027-03-01")));
        Map<String, Object> second = body("Team A weekdays, later start");
        second.put("hours", Map.of("MON", List.of(List.of("11:00", "19:00"))));
        second.put("effectiveFrom", tomorrow.toString());
        put(id, second, SUPERVISOR).statusCode(200)
                .body("version", equalTo(2))
                .body("inForce", equalTo(false))
                .body("hours.TUE", hasSize(0));

        given().auth().oauth2(SUPERVISOR).get("/api/rulesets/" + id)
                .then().statusCode(200)
                .body("inForce.version", equalTo(1))
                .body("versions.version", equalTo(List.of(1, 2)))
                .body("versions.inForce", equalTo(List.of(true, false)));
        assertThat(rulesets.inForce(id, Instant.now()).version()).isEqualTo(1);
        assertThat(rulesets.inForce(id, tomorrow.plus(Duration.ofMinutes(1))).version()).isEqualTo(2);
        assertThat(rulesets.inForce(id, tomorrow.plus(Duration.ofMinutes(1))).hoursOn(java.time.DayOfWeek.MONDAY))
                .containsExactly(TimeRange.of("11:00", "19:00"));
        given().auth().oauth2(SUPERVISOR).queryParam("size", 500).get("/api/rulesets")
                .then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.version", equalTo(1));
    }

    @Test
    void rulesetScheduledForLaterIsNotInForceYet() {
        String id = freshId();
        Map<String, Object> later = body("Starts next hour");
        later.put("effectiveFrom", Instant.now().plus(Duration.ofHours(1)).toString());

        put(id, later, SUPERVISOR).statusCode(200).body("inForce", equalTo(false));

        assertThatThrownBy(() -> rulesets.inForce(id, Instant.now()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(422));
        given().auth().oauth2(SUPERVISOR).get("/api/rulesets/" + id)
                .then().statusCode(200)
                .body("inForce", nullValue())
                .body("versions", hasSize(1));
    }

    @Test
    void unknownRulesetIsNotFound() {
        given().auth().oauth2(SUPERVISOR).get("/api/rulesets/no-such-ruleset")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(SUPERVISOR).get("/api/rulesets/Not Valid!")
                .then().statusCode(404).contentType("application/problem+json");
        assertThat(rulesets.exists("no-such-ruleset")).isFalse();
        assertThatThrownBy(() -> rulesets.inForce("no-such-ruleset", Instant.now()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void presetsCannotBeChanged() {
        for (String preset : PRESETS) {
            put(preset, body("My own hours"), SUPERVISOR)
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("detail", containsString("copy under a new id"));
        }
        assertThat(new Rows(dataSource).count("SELECT count(*) FROM ruleset_version WHERE id = 'ru-default'"))
                .isEqualTo(1);
    }

    @Test
    void invalidBodyListsEveryMistakeWithItsField() {
        Map<String, Object> body = body(null);
        Map<String, Object> week = new LinkedHashMap<>();
        week.put("MON", List.of(List.of("09:00", "13:00"), List.of("12:00", "14:00")));
        week.put("TUE", List.of(List.of("9:00", "13:00")));
        week.put("WED", List.of(List.of("14:00", "13:00")));
        week.put("THU", "09:00-18:00");
        week.put("FUNDAY", List.of());
        body.put("hours", week);
        body.put("country", "XX");
        body.put("maxAttemptsPer7Days", -1);
        body.remove("coolOffDays");
        body.put("minGapMinutes", -5);
        body.put("maxConversationsPerDay", 0);
        body.put("holidays", List.of("2027-13-01"));
        body.put("holidayHours", List.of(List.of("25:00", "26:00")));

        put(freshId(), body, SUPERVISOR)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("name", "country", "hours.MON[1]", "hours.TUE[0]", "hours.WED[0]",
                        "hours.THU", "hours.FUNDAY", "holidays[0]", "holidayHours[0]", "maxAttemptsPer7Days",
                        "coolOffDays", "minGapMinutes", "maxConversationsPerDay"))
                .body("errors.find { it.field == 'hours.MON[1]' }.message", containsString("overlaps"))
                .body("errors.find { it.field == 'hours.WED[0]' }.message", containsString("before the end"));
    }

    @Test
    void effectiveFromInThePastIsRefused() {
        Map<String, Object> body = body("Backdated");
        body.put("effectiveFrom", Instant.now().minus(Duration.ofHours(1)).toString());

        put(freshId(), body, SUPERVISOR)
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("effectiveFrom"));
    }

    @Test
    void invalidIdIsRefused() {
        put("Bad_Id", body("Bad id"), SUPERVISOR).statusCode(400).body("errors.field", hasItem("id"));
        put("x".repeat(65), body("Too long"), SUPERVISOR).statusCode(400).body("errors.field", hasItem("id"));
    }

    @Test
    void oddBodiesAreClientErrorsNeverServerErrors() {
        List<String> bodies = List.of("[]", "\"x\"", "null", "{", "{\"hours\": \"abc\"}", "{\"hours\": [1, 2]}",
                "{\"holidays\": {\"a\": 1}}", "{\"holidays\": [null, 3]}", "{\"maxAttemptsPer7Days\": \"many\"}",
                "{\"maxAttemptsPer7Days\": 99999999999999}", "{\"effectiveFrom\": \"tomorrow\"}",
                "{\"hours\": {\"MON\": [[1, 2]]}}", "{\"hours\": {\"MON\": [null]}}",
                "{\"hours\": {\"MON\": null}}", "{\"hours\": {\"MON\": [[\"09:00\"]]}}",
                "{\"hours\": {\"MON\": [[\"09:00\", \"10:00\", \"11:00\"]]}}", "{\"name\": {\"a\": 1}}",
                "{\"country\": 7}", "{\"holidayHours\": {\"MON\": 1}}");
        for (String raw : bodies) {
            given().auth().oauth2(SUPERVISOR).contentType(ContentType.JSON).body(raw)
                    .put("/api/rulesets/" + freshId())
                    .then().statusCode(allOf(greaterThanOrEqualTo(400), lessThan(500)))
                    .contentType("application/problem+json");
        }
    }

    @Test
    void rolesAreChecked() {
        given().get("/api/rulesets").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().contentType(ContentType.JSON).body(body("No token")).put("/api/rulesets/" + freshId())
                .then().statusCode(401);
        for (String role : List.of("operator", "integration", "privacy-officer")) {
            given().auth().oauth2(TestTokens.token(role + "-1", role, "team-a")).get("/api/rulesets/ru-default")
                    .then().statusCode(403).contentType("application/problem+json");
        }
        for (String role : List.of("analyst", "admin", "operator")) {
            put(freshId(), body("Not mine to write"), TestTokens.token(role + "-1", role, "team-a"))
                    .statusCode(403).contentType("application/problem+json");
        }
    }

    @Test
    void publicHolidaysAreSeededAndCloseTheDefaultRules() {
        assertThat(calendar.holiday("RU", LocalDate.parse("2027-01-07"))).isEqualTo("Orthodox Christmas");
        assertThat(calendar.holiday("RU", LocalDate.parse("2026-01-09"))).contains("moved from Saturday 3 January");
        assertThat(calendar.holiday("RU", LocalDate.parse("2026-12-31"))).isNotNull();
        assertThat(calendar.holiday("RU", LocalDate.parse("2026-01-12"))).isNull();
        assertThat(calendar.holiday("US", LocalDate.parse("2026-07-03"))).isEqualTo("Independence Day (observed)");
        assertThat(calendar.holiday("FR", LocalDate.parse("2026-05-25"))).isEqualTo("Lundi de Pentecôte");
        Rows rows = new Rows(dataSource);
        assertThat(rows.count("SELECT count(*) FROM public_holiday WHERE country = 'FR'")).isEqualTo(22);
        assertThat(rows.count("SELECT count(*) FROM public_holiday WHERE country = 'RU' AND day < '2027-01-01'"))
                .isEqualTo(18);

        Ruleset ruDefault = rulesets.inForce("ru-default", Instant.now());
        HoursVerdict christmas = hours.evaluate(ruDefault, CalleeZones.of(null, "RU", List.of("Europe/Moscow")),
                null, Instant.parse("2027-01-07T07:00:00Z"));
        assertThat(christmas.open()).isFalse();
        assertThat(christmas.nextOpening()).isEqualTo("2027-01-11T06:00:00Z");
        assertThat(christmas.explanation()).contains("Orthodox Christmas");
    }

    @Test
    void versionsCannotBeRewrittenInTheDatabase() {
        assertThatThrownBy(() -> new Rows(dataSource).count(
                "WITH changed AS (UPDATE ruleset_version SET created_by = 'x' WHERE id = ? RETURNING 1) "
                        + "SELECT count(*) FROM changed", "ru-default"))
                .hasMessageContaining("never changed");
    }

    private static ValidatableResponse put(String id, Map<String, Object> body, String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .put("/api/rulesets/" + id).then();
    }

    private static String freshId() {
        return "test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> body(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("country", "RU");
        body.put("rule", "Team A calls on weekdays, never at lunch.");
        Map<String, Object> week = new LinkedHashMap<>();
        for (String day : List.of("MON", "TUE", "WED", "THU", "FRI")) {
            week.put(day, List.of(List.of("10:00", "13:00"), List.of("14:00", "19:00")));
        }
        week.put("SAT", List.of());
        week.put("SUN", List.of());
        body.put("hours", week);
        body.put("holidays", List.of("2027-03-01"));
        body.put("maxAttemptsPer7Days", 2);
        body.put("coolOffDays", 14);
        body.put("minGapMinutes", 120);
        body.put("otherOperatorLockHours", 24);
        return body;
    }
}
