package io.tollgate.ingest.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates and inspects Tollgate's topics on a Kafka cluster. Topics are never auto-created. */
public final class TopicAdmin implements AutoCloseable {
    private static final long TIMEOUT_S = 30;

    /** What is on the cluster for one topic. */
    public record TopicState(String name, int partitions, int replication, Map<String, String> configs) {
    }

    private final Admin admin;

    private TopicAdmin(Admin admin) {
        this.admin = admin;
    }

    public static TopicAdmin connect(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        return new TopicAdmin(Admin.create(props));
    }

    /** Creates the topics that do not exist yet; returns the names created. Existing ones are left as they are. */
    public List<String> create(Collection<TopicSpec> specs) throws KafkaUnavailableException {
        List<String> created = new ArrayList<>();
        for (TopicSpec spec : specs) {
            NewTopic topic = new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.of(spec.replication()))
                    .configs(spec.configs());
            try {
                admin.createTopics(List.of(topic)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
                created.add(spec.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new KafkaUnavailableException("cannot create " + spec.name() + ": " + e.getCause().getMessage(), e);
                }
            } catch (TimeoutException | InterruptedException e) {
                throw unavailable(e);
            }
        }
        return created;
    }

    /** Names of every topic on the cluster, sorted. */
    public List<String> list() throws KafkaUnavailableException {
        try {
            return List.copyOf(new TreeSet<>(admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS)));
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            throw unavailable(e);
        }
    }

    /** Layout and the non-default configs of {@code names}. */
    public List<TopicState> describe(Collection<String> names) throws KafkaUnavailableException {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            List<ConfigResource> resources = names.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            List<TopicState> states = new ArrayList<>();
            for (String name : new TreeSet<>(names)) {
                TopicDescription d = described.get(name);
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
                Map<String, String> set = new TreeMap<>();
                for (ConfigEntry entry : config.entries()) {
                    if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                        set.put(entry.name(), entry.value());
                    }
                }
                states.add(new TopicState(name, d.partitions().size(), d.partitions().get(0).replicas().size(), set));
            }
            return states;
        } catch (ExecutionException e) {
            throw new KafkaUnavailableException("cannot describe " + names + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException | InterruptedException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }

    private static KafkaUnavailableException unavailable(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new KafkaUnavailableException("Kafka did not answer in " + TIMEOUT_S + " s; is it running? "
                + "(locally: infra/stack up kafka)", e);
    }
}
