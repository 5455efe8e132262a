package io.voxify.query.library;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The sequence number of the last event of a user's ratings that the rows include. */
@Entity
@Table(name = "voice_rating_user")
public class UserRatingsVersionEntity {
    @Id
    @Column(name = "user_id", length = 64)
    String userId;

    @Column(name = "version", nullable = false)
    long version;
}
