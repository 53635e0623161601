package io.tollgate.agent.kafka;

import io.tollgate.agent.AgentMetrics;
import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.json.JsonCodec;
import io.tollgate.ingest.kafka.Topics;
import io.tollgate.ingest.testing.LocalStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The call event sink against the real Kafka of infra/stack, and against an address where no broker answers. */
class KafkaCallEventsIT {
    private static final int CALLS = 20;
    private static final int EVENTS_PER_CALL = 25;

    @Test
    void eventsArriveInPublishOrderPerCallKeyedByCallId() throws Exception {
        String bootstrap = LocalStack.kafkaBootstrap();
        StackTopics.ensure(bootstrap, Topics.CALL_EVENTS);
        AgentMetrics metrics = new AgentMetrics();
        String run = "it-" + UUID.randomUUID();
        Map<String, List<CallEvent>> published = new HashMap<>();

        try (TopicTail tail = new TopicTail(bootstrap, Topics.CALL_EVENTS)) {
            try (KafkaCallEvents sink = KafkaCallEvents.connect(bootstrap, metrics)) {
                // interleaved, as concurrent calls publish
                for (int seq = 0; seq < EVENTS_PER_CALL; seq++) {
                    for (int call = 0; call < CALLS; call++) {
                        CallEvent event = KafkaCallEventsTest.event(run + "-" + call, seq, CallEvent.Type.PROGRESS);
                        published.computeIfAbsent(event.callId(), k -> new ArrayList<>()).add(event);
                        sink.publish(event);
                    }
                }
            }
            assertThat(metrics.eventPublishLatency().count()).isEqualTo(CALLS * EVENTS_PER_CALL);

            List<ConsumerRecord<String, byte[]>> read = tail.await(r -> r.key() != null && r.key().startsWith(run),
                    CALLS * EVENTS_PER_CALL, Duration.ofSeconds(60));
            Map<String, List<CallEvent>> received = new HashMap<>();
            Map<String, Set<Integer>> partitions = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : read) {
                CallEvent event = JsonCodec.CALL_EVENT.decode(r.value());
                assertThat(r.key()).isEqualTo(event.callId());
                received.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(event);
                partitions.computeIfAbsent(r.key(), k -> new HashSet<>()).add(r.partition());
            }
            assertThat(received).isEqualTo(published);
            assertThat(partitions.values()).allMatch(p -> p.size() == 1);
        }
        assertThat(metrics.eventsFailed("delivery").count()).isZero();
    }

    @Test
    void withNoBrokerAnsweringPublishNeverBlocksAndTheBoundRefusesNewCalls() throws Exception {
        AgentMetrics metrics = new AgentMetrics();
        KafkaCallEvents.Settings settings = KafkaCallEvents.Settings.defaults("127.0.0.1:" + unusedPort())
                .withBound(20, 5).withCloseTimeout(Duration.ofSeconds(1));
        KafkaCallEvents sink = KafkaCallEvents.connect(settings, metrics);
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                for (int seq = 0; seq < 19; seq++) {
                    sink.publish(KafkaCallEventsTest.event("call-nowhere", seq, CallEvent.Type.PROGRESS));
                }
                assertThat(sink.hasRoomFor(1)).isTrue();
                sink.publish(KafkaCallEventsTest.event("call-nowhere", 19, CallEvent.Type.PROGRESS));
                assertThat(sink.hasRoomFor(1)).isFalse();
                for (int seq = 20; seq < 30; seq++) {
                    sink.publish(KafkaCallEventsTest.event("call-nowhere", seq, CallEvent.Type.PROGRESS));
                }
            });
            assertThat(sink.pending()).isEqualTo(25);
            assertThat(metrics.eventsFailed("overflow").count()).isEqualTo(5);
        } finally {
            assertTimeoutPreemptively(Duration.ofSeconds(15), () -> sink.close());
        }
        assertThat(sink.pending()).isZero();
        assertThat(metrics.eventsFailed("closed").count()).as("every event held is reported lost").isEqualTo(25);
    }

    /** A loopback port nothing listens on: connections to it are refused at once. */
    private static int unusedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
