package io.tollgate.jobs.sink;

import org.apache.flink.util.UserCodeClassLoader;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;

/**
 * Deregisters the JDBC drivers a job's class loader registered, when Flink releases that loader. The driver
 * registers itself with the JDK's DriverManager, which would otherwise hold the job's classes after it ends: on a
 * session cluster, every submission then leaks its classes until a TaskManager dies of metaspace exhaustion
 * (seen after a few dozen submissions and restarts with 256 MB). Connections do not go through DriverManager
 * ({@code ClickHouseDatabase.open}), so a task restarted on a loader already released still connects.
 */
public final class JdbcDrivers {
    private static final String HOOK = "tollgate-jdbc-drivers";

    private JdbcDrivers() {
    }

    public static void releaseWith(UserCodeClassLoader userCode) {
        ClassLoader loader = userCode.asClassLoader();
        userCode.registerReleaseHookIfAbsent(HOOK, () -> {
            for (Driver driver : Collections.list(DriverManager.getDrivers())) {
                if (driver.getClass().getClassLoader() == loader) {
                    try {
                        DriverManager.deregisterDriver(driver);
                    } catch (SQLException e) {
                        // nothing more to release; the loader's classes stay until the JVM ends
                    }
                }
            }
        });
    }
}
