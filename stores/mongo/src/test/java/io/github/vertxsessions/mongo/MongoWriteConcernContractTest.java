package io.github.vertxsessions.mongo;

/** The store contract with a write concern of the store's own, where changes go through the raw command. */
class MongoWriteConcernContractTest extends MongoSessionStoreContractTest {

  @Override
  protected MongoStoreOptions options() {
    return new MongoStoreOptions().setWriteConcern("majority");
  }
}
