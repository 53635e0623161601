package io.tollgate.ingest.config;

import java.net.URI;

/**
 * Where the services Tollgate talks to are. Every field can be overridden by an environment variable
 * ({@link EnvironmentOverrides}), so one file serves every machine; passwords only ever come from the environment or
 * a file, and print masked.
 *
 * @param kafkaBootstrap Kafka bootstrap servers, {@code host:port[,host:port...]}
 * @param flinkRest      the Flink cluster's REST endpoint
 */
public record ServiceAddresses(String kafkaBootstrap, ClickHouse clickhouse, Ari ari, URI flinkRest) {

    /** @param url JDBC URL of the server, without database */
    public record ClickHouse(String url, String database, String user, Secret password) {
    }

    /** @param url base URL of Asterisk's REST interface, like {@code http://127.0.0.1:8088/ari/} */
    public record Ari(URI url, String user, Secret password) {
    }
}
