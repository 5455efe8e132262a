package io.voxify.infrastructure.vector.relational;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "vector_entry")
public class VectorEntity {
    @Id
    @Column(name = "id", length = 128)
    String id;

    @Column(name = "kind", length = 16, nullable = false)
    String kind;

    @Column(name = "owner_id", length = 64)
    String ownerId;

    @Column(name = "model", length = 128, nullable = false)
    String model;

    @Column(name = "dims")
    int dims;
    /** Little-endian float32s. */
    @Column(name = "vector", nullable = false)
    byte[] vector;
}
