/** Flink jobs: CDR assembly, rating, fraud features, sinks. Built by its own issue. */
package io.tollgate.jobs;
