package io.dialright.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialright.platform.problem.Problem;
import io.dialright.platform.problem.ProblemMapper;
import org.junit.jupiter.api.Test;

/** Request bodies with the NUL character, which PostgreSQL cannot store, are bad input naming the field. */
class NulRefusingJsonTest {

    record Phone(String number) {
    }

    record Contact(String name, List<Phone> phones, List<String> tags) {
    }

    private final ObjectMapper json = new ObjectMapper();

    NulRefusingJsonTest() {
        new NulRefusingJson().customize(json);
    }

    @Test
    void aNulInANestedFieldIsA400NamingTheField() {
        Throwable refused = catchThrowable(() -> json.readValue(
                "{\"name\": \"Anna\", \"phones\": [{\"number\": \"+7 916\\u0000123-45-67\"}]}", Contact.class));

        assertThat(refused).isInstanceOf(NulCharacterException.class);
        Response response = new ProblemMapper().wrongJsonShape((NulCharacterException) refused, null);
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(((Problem) response.getEntity()).errors()).containsExactly(
                new Problem.FieldError("phones[0].number", "must not contain the NUL character (U+0000)"));
    }

    @Test
    void aNulInAListOfStringsIsRefused() {
        assertThat(catchThrowable(() -> json.readValue("{\"tags\": [\"vip\", \"\\u0000\"]}", Contact.class)))
                .isInstanceOf(NulCharacterException.class);
    }

    @Test
    void otherTextIsReadAsBefore() throws Exception {
        Contact contact = json.readValue("{\"name\": \"\\u202EАнна \\uD83D\\uDCDE\\u0001\", \"tags\": [\"vip\"]}",
                Contact.class);

        assertThat(contact.name()).isEqualTo("\u202EАнна \uD83D\uDCDE\u0001");
        assertThat(contact.tags()).containsExactly("vip");
    }
}
