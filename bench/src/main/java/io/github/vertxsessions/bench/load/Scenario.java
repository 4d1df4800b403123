package io.github.vertxsessions.bench.load;

/** What the load does to a peer during one measured window. */
public enum Scenario {

  ANON("anon", "/read", false, "GET /read without a cookie: does a visitor who never logs in cost a session?"),
  READ("read", "/read", true, "GET /read, each request carrying one of the 1,000 minted cookies in turn."),
  WRITE("write", "/write", true, "GET /write (increments a counter), cookies as in read."),
  LOGIN("login", "/login", false, "GET /login without a cookie: a new session per request.");

  private final String id;
  private final String path;
  private final boolean withCookies;
  private final String description;

  Scenario(String id, String path, boolean withCookies, String description) {
    this.id = id;
    this.path = path;
    this.withCookies = withCookies;
    this.description = description;
  }

  public String id() {
    return id;
  }

  public String path() {
    return path;
  }

  public boolean withCookies() {
    return withCookies;
  }

  public String description() {
    return description;
  }

  public static Scenario byId(String id) {
    for (Scenario scenario : values()) {
      if (scenario.id.equals(id)) {
        return scenario;
      }
    }
    throw new IllegalArgumentException("unknown scenario '" + id + "'");
  }
}
