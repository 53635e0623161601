/** Driving a Flink session cluster over its REST API: job jars uploaded and run, jobs listed and cancelled. */
package io.tollgate.jobs.cluster;
