package io.github.vertxsessions.mongo.impl;

import com.mongodb.WriteConcern;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.WriteOption;

import java.util.Locale;

/** The store's write concern option, in the two forms the Vert.x client takes it. */
public final class WriteConcerns {

  private WriteConcerns() {
  }

  /**
   * The write option named {@code name} in any case, or {@code null} when there is none or it is unacknowledged:
   * the store must learn whether each write matched a live session.
   */
  public static WriteOption parse(String name) {
    try {
      WriteOption option = WriteOption.valueOf(name.toUpperCase(Locale.ROOT));
      return option == WriteOption.UNACKNOWLEDGED ? null : option;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The {@code writeConcern} field of a raw command, the only way {@code findAndModify} honours one. */
  static JsonObject asCommandField(WriteOption option) {
    return new JsonObject(WriteConcern.valueOf(option.name()).asDocument().toJson());
  }
}
