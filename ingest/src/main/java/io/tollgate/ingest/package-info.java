/** Kafka topics, typed producers and consumers, file ingest, dead-letter. Built by its own issue. */
package io.tollgate.ingest;
