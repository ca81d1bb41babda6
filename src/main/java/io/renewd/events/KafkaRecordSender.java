package io.renewd.events;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Sends records through the {@code events} channel (idempotent producer, acks=all). The
 * returned stage completes only once the broker has acknowledged the record, so a caller
 * can mark its work done only after the event is safely in Kafka.
 */
@ApplicationScoped
public class KafkaRecordSender {

    private final Emitter<String> emitter;

    // The relay hands over whole batches at once: the buffer holds several of them.
    KafkaRecordSender(@Channel("events") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000) Emitter<String> emitter) {
        this.emitter = emitter;
    }

    public CompletionStage<Void> send(KafkaRecord record) {
        var headers = new RecordHeaders();
        record.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        var metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(record.topic())
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        var acknowledged = new CompletableFuture<Void>();
        emitter.send(Message.of(record.payload(), Metadata.of(metadata),
                () -> {
                    acknowledged.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    acknowledged.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return acknowledged;
    }
}
