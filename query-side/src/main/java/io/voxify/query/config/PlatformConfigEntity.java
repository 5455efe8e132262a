package io.voxify.query.config;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The configuration in force (one row), as JSON. */
@Entity
@Table(name = "platform_config")
public class PlatformConfigEntity {
    @Id
    @Column(name = "config_id", length = 64)
    String configId;

    @Column(name = "config_json", nullable = false, length = 4000)
    String configJson;

    @Column(name = "version", nullable = false)
    long version;

    @Column(name = "updated_at", nullable = false)
    long updatedAt;

    @Column(name = "updated_by", length = 64)
    String updatedBy;
}
