package io.voxify.gateway.limits;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** How much of a daily quota a user has used on one UTC day. */
@Entity
@Table(name = "usage_counter", indexes = @Index(name = "idx_usage_counter_day", columnList = "day"))
public class UsageCounterEntity {
    @Id
    @Column(name = "counter_key", length = 128)
    String counterKey;

    @Column(name = "user_id", nullable = false, length = 64)
    String userId;

    @Column(name = "kind", nullable = false, length = 32)
    String kind;

    @Column(name = "day", nullable = false, length = 10)
    String day;

    @Column(name = "used", nullable = false)
    long used;
}
