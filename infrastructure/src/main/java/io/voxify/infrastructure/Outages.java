package io.voxify.infrastructure;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.exception.JDBCConnectionException;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure means an outside system is down or unreachable (the database, Redis, RabbitMQ) rather than
 * that the request was wrong or the code is: the web layer answers such a failure 503 (try again later), not
 * 500. It knows the clients' exception types, so it lives beside the adapters that use them.
 */
public final class Outages {

    private Outages() {}

    /** Whether {@code failure} itself (not its causes) says a dependency is down. */
    public static boolean isOutage(Throwable failure) {
        return failure instanceof DataAccessResourceFailureException
                || failure instanceof CannotCreateTransactionException
                || failure instanceof AmqpConnectException
                || failure instanceof QueryTimeoutException
                || failure instanceof JDBCConnectionException
                || failure instanceof SQLTransientConnectionException
                || failure instanceof RedisConnectionException
                || failure instanceof RedisCommandTimeoutException;
    }
}
