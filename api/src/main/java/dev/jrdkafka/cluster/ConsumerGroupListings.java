package dev.jrdkafka.cluster;

import dev.jrdkafka.KafkaException;
import java.util.List;

/**
 * What ListConsumerGroups returns: the groups of every broker that answered, and an error per
 * broker that did not (then {@code groups} may be incomplete).
 */
public record ConsumerGroupListings(List<ConsumerGroupListing> groups, List<KafkaException> errors) {
    public ConsumerGroupListings {
        groups = List.copyOf(groups);
        errors = List.copyOf(errors);
    }
}
