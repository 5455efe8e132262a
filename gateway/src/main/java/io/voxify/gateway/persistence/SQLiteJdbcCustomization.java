package io.voxify.gateway.persistence;

import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;

/** db-scheduler on SQLite: the ANSI "FETCH FIRST n ROWS" it uses by default is not SQLite's syntax. */
public class SQLiteJdbcCustomization extends DefaultJdbcCustomization {

    public SQLiteJdbcCustomization() {
        super(true);
    }

    @Override
    public String getName() {
        return "SQLite";
    }

    @Override
    public boolean supportsExplicitQueryLimitPart() {
        return true;
    }

    @Override
    public String getQueryLimitPart(int limit) {
        return " LIMIT " + limit;
    }
}
