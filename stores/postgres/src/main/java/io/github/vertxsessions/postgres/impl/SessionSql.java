package io.github.vertxsessions.postgres.impl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every statement the store sends, for one table. The SQL itself lives in the {@code .sql} files of this package's
 * {@code sql} resource folder (the table layout in {@code schema.sql}, each statement's parameters in its file), read
 * once when this class loads; a store fills in its table's quoted name when it is created, so that each statement's
 * text is the same for every request and a connection that caches prepared statements prepares it once.
 *
 * <p>In the files, {@code --} starts a comment to the end of the line, dropped with the line breaks before anything
 * is sent. {@code {table}}, {@code {columns}} and the index names stand for what this class fills in, and
 * {@code {expiry(a, b, c, d)}} for the one expression of expiry ({@code expiry.sql}, a copy of
 * {@code SessionRecord.expiresAt()}) with those four expressions as the access time, idle timeout, creation time and
 * lifetime. Every time is a parameter from the store's clock, never the server's {@code now()}, and every expiry is
 * computed by that expression from the row's or the statement's values, so that a save never needs to read the row
 * first.
 */
final class SessionSql {

  /** The columns a session is read from, in the order {@link SessionRows} reads them. */
  private static final String COLUMNS = "id, attributes, version, created_at, last_accessed_at, idle_timeout, "
    + "max_lifetime, cookie_max_age, principal, description";
  private static final Pattern EXPIRY_USE =
    Pattern.compile("\\{expiry\\(([^,()]+),([^,()]+),([^,()]+),([^,()]+)\\)}");
  private static final String EXPIRY = read("expiry");
  /** Each statement's text with the expiry filled in, by file name; the table is left to each store. */
  private static final Map<String, String> TEMPLATES = List.of("schema", "probe", "load", "load-touching",
      "touch", "create", "change", "change-id", "delete-expired", "delete", "find-by-principal", "count", "clear",
      "sweep").stream()
    .collect(Collectors.toUnmodifiableMap(name -> name, name -> withExpiry(read(name))));

  /** The table and its indexes, created if missing: three statements for one simple query. */
  final String schema;
  /** A probe that fails when the table is missing (schema creation off). */
  final String probe;
  /** The live session, read only. */
  final String load;
  /** The session, touched in the same statement if due: sent when {@link #load} found the touch due. */
  final String loadTouching;
  /** Moves a live session's idle expiry. */
  final String touch;
  /** Inserts, or replaces an expired row; no row back when a live one has the ID. */
  final String create;
  /** Applies a delta to a live row: the new version, or no row. */
  final String change;
  /** Moves a live session to a new ID: the new version, or no row; a unique violation when the new ID has a row. */
  final String changeId;
  /** Deletes the row of an expired session, so that an ID change may take its ID as a creation may. */
  final String deleteExpired;
  final String delete;
  final String findByPrincipal;
  final String count;
  final String clear;
  /** Deletes up to a batch of expired rows, returning their IDs and principals. */
  final String sweep;

  SessionSql(String table) {
    Map<String, String> names = Map.of("{table}", quoted(table), "{columns}", COLUMNS,
      "{principal_idx}", quoted(table + "_principal_idx"), "{expires_at_idx}", quoted(table + "_expires_at_idx"));
    this.schema = fill("schema", names);
    this.probe = fill("probe", names);
    this.load = fill("load", names);
    this.loadTouching = fill("load-touching", names);
    this.touch = fill("touch", names);
    this.create = fill("create", names);
    this.change = fill("change", names);
    this.changeId = fill("change-id", names);
    this.deleteExpired = fill("delete-expired", names);
    this.delete = fill("delete", names);
    this.findByPrincipal = fill("find-by-principal", names);
    this.count = fill("count", names);
    this.clear = fill("clear", names);
    this.sweep = fill("sweep", names);
  }

  private static String fill(String statement, Map<String, String> names) {
    String text = TEMPLATES.get(statement);
    for (Map.Entry<String, String> name : names.entrySet()) {
      text = text.replace(name.getKey(), name.getValue());
    }
    return text;
  }

  /** Each {@code {expiry(a, b, c, d)}} replaced by {@code expiry.sql} with those four expressions. */
  private static String withExpiry(String statement) {
    Matcher use = EXPIRY_USE.matcher(statement);
    StringBuilder filled = new StringBuilder();
    while (use.find()) {
      String expression = EXPIRY.replace("{accessed_at}", use.group(1).strip())
        .replace("{idle_timeout}", use.group(2).strip())
        .replace("{created_at}", use.group(3).strip())
        .replace("{max_lifetime}", use.group(4).strip());
      use.appendReplacement(filled, Matcher.quoteReplacement(expression));
    }
    use.appendTail(filled);
    return filled.toString();
  }

  /**
   * A statement file without its comments, on one line: what is sent is what a log or {@code pg_stat_statements}
   * shows. No statement holds {@code --} or a line break inside a string literal.
   */
  private static String read(String name) {
    String path = "sql/" + name + ".sql";
    try (InputStream in = SessionSql.class.getResourceAsStream("/io/github/vertxsessions/postgres/" + path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
        .map(line -> {
          int comment = line.indexOf("--");
          return (comment < 0 ? line : line.substring(0, comment)).strip();
        })
        .filter(line -> !line.isEmpty())
        .collect(Collectors.joining(" "));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A name as a quoted identifier; the options admit only names that need no escaping inside the quotes. */
  private static String quoted(String name) {
    return '"' + name + '"';
  }
}
