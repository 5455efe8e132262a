package io.voxify.query.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** Which user owns an aggregate: kept after the aggregate is deleted, for the audit trail. */
@Entity
@Table(name = "audit_aggregate_owner", indexes = @Index(name = "idx_audit_owner_user", columnList = "user_id"))
public class AggregateOwnerEntity {
    @Id
    @Column(name = "aggregate_id", nullable = false, length = 64)
    String aggregateId;

    @Column(name = "aggregate_type", length = 64)
    String aggregateType;

    @Column(name = "user_id", nullable = false, length = 64)
    String userId;
}
