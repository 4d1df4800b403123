package io.github.vertxsessions.mongo;

import java.util.List;

/** The store contract with data encrypted at rest, where changes take the read, re-encrypt and compare-and-set path. */
class MongoEncryptedSessionStoreContractTest extends MongoSessionStoreContractTest {

  @Override
  protected MongoStoreOptions options() {
    return new MongoStoreOptions().setEncryptionKeys(List.of(TestKeys.newKey()));
  }
}
