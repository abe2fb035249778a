package io.dialright.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** What a client gets when a request fails for reasons that are not its own. */
class ProblemMapperTest {

    private final ProblemMapper mapper = new ProblemMapper();

    @Test
    void aDatabaseOutageIsA503ProblemTellingWhenToTryAgain() {
        PSQLException refused = new PSQLException("Connection to 127.0.0.1:5432 refused.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT);

        Response response = mapper.unexpected(new RuntimeException("Unable to acquire JDBC Connection", refused),
                null);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(response.getHeaderString("Retry-After"))
                .isEqualTo(Integer.toString(ProblemMapper.DATABASE_RETRY_AFTER_SECONDS));
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.detail()).contains("cannot reach its database").doesNotContain("127.0.0.1", "PSQL");
    }

    @Test
    void anyOtherUnexpectedErrorIsStillA500SayingOnlyThatItWasLogged() {
        Response response = mapper.unexpected(new IllegalStateException("secret internals"), null);

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getHeaderString("Retry-After")).isNull();
        assertThat(((Problem) response.getEntity()).detail()).doesNotContain("secret internals");
    }
}
