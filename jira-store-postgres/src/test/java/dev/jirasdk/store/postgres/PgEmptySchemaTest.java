package dev.jirasdk.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.SyncPage;
import dev.jirasdk.sync.SyncRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code emptySchemaFirst}: a throwaway schema (such as the demo's sandbox) starts empty at every open. */
@ExtendWith(PostgresServer.class)
class PgEmptySchemaTest {
  @Test
  void aStoreThatEmptiesItsSchemaFirstStartsWithoutTheDataOfTheLastOpen() {
    String schema = PostgresServer.newSchema();
    SyncRecord issue = new SyncRecord(Entity.ISSUES, "1", "10000", null, Map.of(), "{\"id\":\"1\"}");
    try (PostgresStore store = PostgresStore.builder().jdbcUrl(PostgresServer.url()).schema(schema).build()) {
      store.commitPage("c1", SyncPage.of(List.of(issue), null));
    }
    try (PostgresStore kept = PostgresStore.builder().jdbcUrl(PostgresServer.url()).schema(schema).build()) {
      assertEquals(1, kept.count("c1", Entity.ISSUES), "without it, data stays");
    }
    try (PostgresStore emptied = PostgresStore.builder().jdbcUrl(PostgresServer.url()).schema(schema)
        .emptySchemaFirst().build()) {
      assertEquals(0, emptied.count("c1", Entity.ISSUES));
      assertEquals(PostgresStore.SCHEMA_VERSION, ((Number) PostgresStoreTest.query(schema,
          "SELECT version FROM jira_sdk_schema")).intValue(), "migrated again");
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void emptyingIsRefusedWithoutASchemaOfItsOwn() {
    assertThrows(IllegalStateException.class,
        () -> PostgresStore.builder().jdbcUrl(PostgresServer.url()).emptySchemaFirst().build());
  }
}
