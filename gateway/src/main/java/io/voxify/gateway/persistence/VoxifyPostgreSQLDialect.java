package io.voxify.gateway.persistence;

import java.sql.Types;
import org.hibernate.boot.model.TypeContributions;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.descriptor.jdbc.VarbinaryJdbcType;

/**
 * PostgreSQL for the infra profile. Axon's entries hold payloads, metadata and tokens as
 * {@code @Lob byte[]}, which Hibernate maps to large objects ({@code oid}) on PostgreSQL: rows
 * that point into a separate store, need transactions to read and leak when deleted. Mapping
 * them to {@code bytea} keeps each event's bytes in its row, readable by plain SQL.
 */
public class VoxifyPostgreSQLDialect extends PostgreSQLDialect {

    @Override
    public void contributeTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        super.contributeTypes(typeContributions, serviceRegistry);
        typeContributions
                .getTypeConfiguration()
                .getJdbcTypeRegistry()
                .addDescriptor(Types.BLOB, VarbinaryJdbcType.INSTANCE);
    }
}
