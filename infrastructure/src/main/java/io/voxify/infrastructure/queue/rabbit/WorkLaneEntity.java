package io.voxify.infrastructure.queue.rabbit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One user's lane of one work queue. Its row is what dispatchers lock (by updating it) before they count
 * and change the lane's slots, so two nodes never both take the user's last free slot.
 */
@Entity
@Table(name = "work_lane")
public class WorkLaneEntity {
    @Id
    @Column(name = "lane_key", length = 200)
    String laneKey;

    @Column(name = "touched", nullable = false)
    long touched;
}
