package io.voxify.infrastructure.queue.rabbit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** A piece of work on the broker (queued or running) that counts against its owner's share. */
@Entity
@Table(name = "work_slot", indexes = @Index(name = "idx_work_slot_lane", columnList = "lane_key"))
public class WorkSlotEntity {
    @Id
    @Column(name = "item_key", length = 200)
    String itemKey;

    @Column(name = "lane_key", length = 200, nullable = false)
    String laneKey;

    @Column(name = "acquired_at", nullable = false)
    long acquiredAt;
}
