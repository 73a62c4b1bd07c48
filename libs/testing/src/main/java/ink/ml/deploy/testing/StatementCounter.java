package ink.ml.deploy.testing;

import java.time.Duration;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;

/**
 * Counts the SQL statements one request prepares, for the tests that prove a read runs a fixed
 * number of them whatever the data's size. Needs {@code quarkus.hibernate-orm.statistics=true} in
 * the service's test configuration.
 */
public final class StatementCounter {
    private StatementCounter() {}

    public static long statementsOf(SessionFactory sessionFactory, Runnable request) {
        Statistics statistics = sessionFactory.getStatistics();
        awaitNoOtherStatements(statistics);
        statistics.clear();
        request.run();
        return statistics.getPrepareStatementCount();
    }

    /**
     * Hibernate's statistics count every thread's statements: a subscription or scheduled job that
     * an earlier test in this JVM left running (graphql's DeploymentSubscriptionsTest, once in CI:
     * 11 against 10) adds to a count. Counting starts after a quiet second.
     */
    private static void awaitNoOtherStatements(Statistics statistics) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            statistics.clear();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (statistics.getPrepareStatementCount() == 0) {
                return;
            }
        }
        throw new IllegalStateException("something else in this JVM keeps running SQL statements");
    }
}
