package io.tollgate.reports.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Work the {@link Scheduler} runs at every slot of a cron schedule, read as wall-clock time in {@code zone}.
 *
 * @param name how logs and {@code tollgate serve} name it
 * @param cron a UNIX cron schedule (minute hour day-of-month month day-of-week), see {@link #unixCron}
 */
public record ScheduledTask(String name, Cron cron, ZoneId zone, Work work) {

    /** What a task does at one slot; the slot time tells it which period is due (a run for a slot is repeatable). */
    @FunctionalInterface
    public interface Work {
        void run(ZonedDateTime slot) throws Exception;
    }

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    public ScheduledTask {
        Objects.requireNonNull(name, "name is required");
        Objects.requireNonNull(cron, "cron is required");
        Objects.requireNonNull(zone, "zone is required");
        Objects.requireNonNull(work, "work is required");
    }

    /** A task on the UNIX cron schedule {@code expression}, like {@code 0 6 * * *}. */
    public static ScheduledTask of(String name, String expression, ZoneId zone, Work work) {
        return new ScheduledTask(name, unixCron(expression), zone, work);
    }

    /**
     * Parses and checks a UNIX cron expression: five fields, names of months and weekdays allowed, no nicknames
     * ({@code @daily}); the syntax tollgate.yaml's {@code cron} keys are checked against.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static Cron unixCron(String expression) {
        Cron cron = UNIX.parse(expression.strip());
        cron.validate();
        return cron;
    }
}
