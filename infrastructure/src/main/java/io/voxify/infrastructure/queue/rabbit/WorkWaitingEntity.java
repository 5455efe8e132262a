package io.voxify.infrastructure.queue.rabbit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** A piece of work held back because its owner has a full share on the broker; published when a slot frees. */
@Entity
@Table(name = "work_waiting", indexes = @Index(name = "idx_work_waiting_lane", columnList = "lane_key, enqueued_at"))
public class WorkWaitingEntity {
    @Id
    @Column(name = "item_key", length = 200)
    String itemKey;

    @Column(name = "lane_key", length = 200, nullable = false)
    String laneKey;

    @Column(name = "queue_name", length = 200, nullable = false)
    String queueName;
    /** The work message as JSON. */
    @Column(name = "payload", nullable = false, length = 65_535)
    String payload;

    @Column(name = "enqueued_at", nullable = false)
    long enqueuedAt;
    /** When a dispatcher took it into a slot and began publishing it; null while it waits. */
    @Column(name = "promoted_at")
    Long promotedAt;
}
