package io.tollgate.agent.kafka;

import io.tollgate.ingest.kafka.TopicAdmin;
import io.tollgate.ingest.kafka.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Creates contract topics the integration tests need on the local stack, if missing, as the cluster allows. */
final class StackTopics {
    private StackTopics() {
    }

    static void ensure(String bootstrap, String... names) throws Exception {
        short replication;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            replication = (short) Math.min(3, admin.describeCluster().nodes().get().size());
        }
        try (TopicAdmin admin = TopicAdmin.connect(bootstrap)) {
            admin.create(Topics.layout(4, replication, Duration.ofDays(7)).stream()
                    .filter(t -> List.of(names).contains(t.name())).toList());
        }
    }
}
