package io.dialright.contact;

import static io.dialright.contact.Fixtures.WEB_FORM;
import static io.dialright.contact.Fixtures.createdBy;
import static io.dialright.contact.Fixtures.freshMobile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialright.contact.crypto.PhoneVault;
import io.dialright.contact.lookup.CallerReader;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * The lookup's read changes its connection's transaction settings (one read-only repeatable-read snapshot, generic
 * plans): the pooled connection must come back with none of them, or the next user of it would inherit them.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "contact"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(EncryptionKeysResource.class)
class LookupConnectionTest {

    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper json;
    @Inject
    BlindIndex blindIndex;
    @Inject
    PhoneVault vault;

    @Test
    void aLookupHandsItsConnectionBackAsItFoundIt() throws Exception {
        String e164 = freshMobile();
        String id = createdBy(WEB_FORM, "Connection Check", e164);
        try (Connection connection = dataSource.getConnection()) {
            CallerReader reader = new CallerReader(onlyThis(connection), vault, json, 1, Duration.ofSeconds(1));

            CallerReader.Caller caller = lookUp(reader, e164);

            assertThat(caller.card().id).hasToString(id);
            assertThat(connection.getAutoCommit()).as("auto-commit").isTrue();
            assertThat(connection.unwrap(BaseConnection.class).getTransactionState()).as("transaction")
                    .isEqualTo(TransactionState.IDLE);
            try (Statement statement = connection.createStatement();
                 ResultSet settings = statement.executeQuery("SELECT current_setting('plan_cache_mode'), "
                         + "current_setting('transaction_isolation'), current_setting('transaction_read_only')")) {
                settings.next();
                assertThat(settings.getString(1)).as("plan_cache_mode").isEqualTo("auto");
                assertThat(settings.getString(2)).as("isolation").isEqualTo("read committed");
                assertThat(settings.getString(3)).as("read only").isEqualTo("off");
            }
        }
    }

    @Test
    void aLookupThatFailsMidwayEndsItsTransactionBeforeHandingTheConnectionBack() throws Exception {
        String e164 = freshMobile();
        String id = createdBy(WEB_FORM, "Failure Check", e164);
        try (Connection connection = dataSource.getConnection()) {
            CallerReader reader = new CallerReader(onlyThis(connection), vault, json, 1, Duration.ofSeconds(1));
            TransactionState afterFailure;
            try (Statement statement = connection.createStatement()) {
                // The transaction begins, then the first read fails: no table named contact on this search path.
                statement.execute("SET search_path = pg_catalog");
                assertThatThrownBy(() -> lookUp(reader, e164)).hasRootCauseInstanceOf(SQLException.class);
                afterFailure = connection.unwrap(BaseConnection.class).getTransactionState();
            } finally {
                // Whatever happened above, the pooled connection goes back usable for the other tests.
                try (Statement cleanUp = connection.createStatement()) {
                    if (connection.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE) {
                        cleanUp.execute("ROLLBACK");
                    }
                    cleanUp.execute("RESET search_path");
                }
            }

            assertThat(afterFailure).as("transaction").isEqualTo(TransactionState.IDLE);
            assertThat(connection.getAutoCommit()).as("auto-commit").isTrue();
            assertThat(lookUp(reader, e164).card().id).hasToString(id);
        }
    }

    @Test
    void aLookupInsideAnotherTransactionIsRefusedRatherThanCommittingIt() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            CallerReader reader = new CallerReader(onlyThis(connection), vault, json, 1, Duration.ofSeconds(1));

            assertThatThrownBy(() -> reader.read("any", Instant.now(), Instant.now(), 10))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("transaction of its own");
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    /** The read of a lookup of {@code e164}, with the service's usual windows. */
    private CallerReader.Caller lookUp(CallerReader reader, String e164) {
        return reader.read(blindIndex.of(e164), Instant.now().minus(Duration.ofDays(7)),
                Instant.now().minus(Duration.ofDays(30)), 10);
    }

    /** A data source that hands out this one connection and leaves closing it to the test. */
    private static DataSource onlyThis(Connection connection) {
        Connection unclosable = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return unclosable;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
