/**
 * Work that runs by itself at the slots of cron schedules ({@link io.tollgate.reports.schedule.Scheduler}, what
 * {@code tollgate serve} runs), and the calendar periods a slot is due to cover
 * ({@link io.tollgate.reports.schedule.PreviousPeriod}).
 */
package io.tollgate.reports.schedule;
