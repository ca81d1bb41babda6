package io.renewd.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** Row of table {@code outbox}: an event written with the change it announces (Debezium's columns, plus relay state). */
@Entity
@Table(name = "outbox")
public class OutboxEntity extends PanacheEntityBase {

    /** The CloudEvents id: consumers drop duplicates by it. */
    @Id
    public UUID id;

    /** The Kafka topic. */
    @Column(nullable = false)
    public String aggregatetype;

    /** The Kafka key: {@code vault/certificate}, so one certificate's events stay in order. */
    @Column(nullable = false)
    public String aggregateid;

    /** The CloudEvents type. */
    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public Instant timestamp;

    /** The event's JSON data. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String payload;

    /** Publication order, given by the database (never read back into the entity: the relay queries it). */
    @Column(insertable = false, updatable = false, nullable = false)
    public Long seq;

    @Column(name = "published_at")
    public Instant publishedAt;
}
