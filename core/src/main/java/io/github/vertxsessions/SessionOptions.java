package io.github.vertxsessions;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.annotations.GenIgnore;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Options of the {@link SessionHandler}, a Vert.x data object. Setters check their value; {@link #validate()}, which
 * the handler calls, checks how the options fit together. {@link #SessionOptions(JsonObject)} reads the options from
 * JSON under the names of their setters, and {@link #toJson()} writes them, leaving the secrets out; the ID generator
 * is set in code only.
 *
 * <p>There is no clock here: time comes from the store's clock
 * ({@link io.github.vertxsessions.spi.SessionStore#clock()}), so that one clock decides every expiry.
 */
@DataObject
public class SessionOptions {

  /** The default of {@link #setIdTransport}: the session ID travels in a cookie. */
  public static final SessionIdTransport DEFAULT_ID_TRANSPORT = SessionIdTransport.COOKIE;
  /**
   * The default of {@link #setIdHeaderName}: a header of its own, so that {@code Authorization} stays free for the
   * bearer tokens an application or its gateway may already use.
   */
  public static final String DEFAULT_ID_HEADER_NAME = "X-Session-Token";
  /** A generic name that does not tell which stack the application runs on. */
  public static final String DEFAULT_COOKIE_NAME = "sid";
  /** The default {@linkplain #setCookiePath cookie Path}: the whole site. */
  public static final String DEFAULT_COOKIE_PATH = "/";
  /** The default of {@link #setCookieHttpOnly}: scripts cannot read the cookie. */
  public static final boolean DEFAULT_COOKIE_HTTP_ONLY = true;
  /** The default of {@link #setCookieSecure}: Secure when the request came over HTTPS. */
  public static final CookieSecure DEFAULT_COOKIE_SECURE = CookieSecure.AUTO;
  /** The default of {@link #setTrustProxy}: {@code X-Forwarded-Proto} is not believed. */
  public static final boolean DEFAULT_TRUST_PROXY = false;
  /** The default of {@link #setCookieSameSite}: {@code Lax}. */
  public static final CookieSameSite DEFAULT_COOKIE_SAME_SITE = CookieSameSite.LAX;
  /** The default of {@link #setCookiePartitioned}: not Partitioned. */
  public static final boolean DEFAULT_COOKIE_PARTITIONED = false;
  /** The default of {@link #setSaveUninitialized}: a new session that nothing was put into is not stored. */
  public static final boolean DEFAULT_SAVE_UNINITIALIZED = false;
  /** The default of {@link #setResave}: an unmodified session is not rewritten. */
  public static final boolean DEFAULT_RESAVE = false;
  /** The default of {@link #setRolling}: a cookie with a Max-Age is re-sent on every response. */
  public static final boolean DEFAULT_ROLLING = true;
  /** The default of {@link #setIdleTimeout}: 30 minutes. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);
  /**
   * The touch interval, as a fraction of the idle timeout, when none is set: 1/100, so an unmodified session is
   * written at most once per 18 s with the default idle timeout and expires at most 1% early.
   */
  public static final int DEFAULT_TOUCH_INTERVAL_DIVISOR = 100;
  /** The default of {@link #setStoreTimeout}: 2 seconds. */
  public static final Duration DEFAULT_STORE_TIMEOUT = Duration.ofSeconds(2);
  /** The default of {@link #setFailureLogInterval}: 10 seconds. */
  public static final Duration DEFAULT_FAILURE_LOG_INTERVAL = Duration.ofSeconds(10);
  /** The shortest secret accepted: 32 characters, 256 bits when drawn at random from the full byte range. */
  public static final int MIN_SECRET_LENGTH = 32;
  /** What happens past {@link #setMaxSessionsPerPrincipal the limit per user}: the least recently used go. */
  public static final PrincipalLimitPolicy DEFAULT_PRINCIPAL_LIMIT_POLICY =
    PrincipalLimitPolicy.REVOKE_LEAST_RECENTLY_USED;

  private static final Set<String> PRIORITIES = Set.of("Low", "Medium", "High");
  /** An HTTP token (RFC 9110), the form of cookie names and header names alike. */
  private static final String TOKEN = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]+";

  private SessionIdTransport idTransport = DEFAULT_ID_TRANSPORT;
  private String idHeaderName = DEFAULT_ID_HEADER_NAME;
  private String cookieName = DEFAULT_COOKIE_NAME;
  private String cookiePath = DEFAULT_COOKIE_PATH;
  private String cookieDomain;
  private boolean cookieHttpOnly = DEFAULT_COOKIE_HTTP_ONLY;
  private CookieSecure cookieSecure = DEFAULT_COOKIE_SECURE;
  private boolean trustProxy = DEFAULT_TRUST_PROXY;
  private CookieSameSite cookieSameSite = DEFAULT_COOKIE_SAME_SITE;
  private boolean cookiePartitioned = DEFAULT_COOKIE_PARTITIONED;
  private String cookiePriority;
  private Duration cookieMaxAge;
  private boolean saveUninitialized = DEFAULT_SAVE_UNINITIALIZED;
  private boolean resave = DEFAULT_RESAVE;
  private boolean rolling = DEFAULT_ROLLING;
  private Duration touchInterval;
  private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
  private Duration maxLifetime;
  private Duration storeTimeout = DEFAULT_STORE_TIMEOUT;
  private Duration writeTimeout;
  private Duration failureLogInterval = DEFAULT_FAILURE_LOG_INTERVAL;
  private String eventsAddress;
  private List<String> secrets = List.of();
  private Supplier<String> idGenerator = SessionIds::random;
  private Integer maxSessionsPerPrincipal;
  private PrincipalLimitPolicy principalLimitPolicy = DEFAULT_PRINCIPAL_LIMIT_POLICY;
  private Function<User, String> principalName = User::subject;

  /** Options with every default; {@link #setSecrets secrets}, which have none, must still be set. */
  public SessionOptions() {
  }

  /**
   * A copy of {@code other}.
   *
   * @param other the options to copy
   */
  public SessionOptions(SessionOptions other) {
    idTransport = other.idTransport;
    idHeaderName = other.idHeaderName;
    cookieName = other.cookieName;
    cookiePath = other.cookiePath;
    cookieDomain = other.cookieDomain;
    cookieHttpOnly = other.cookieHttpOnly;
    cookieSecure = other.cookieSecure;
    trustProxy = other.trustProxy;
    cookieSameSite = other.cookieSameSite;
    cookiePartitioned = other.cookiePartitioned;
    cookiePriority = other.cookiePriority;
    cookieMaxAge = other.cookieMaxAge;
    saveUninitialized = other.saveUninitialized;
    resave = other.resave;
    rolling = other.rolling;
    touchInterval = other.touchInterval;
    idleTimeout = other.idleTimeout;
    maxLifetime = other.maxLifetime;
    storeTimeout = other.storeTimeout;
    writeTimeout = other.writeTimeout;
    failureLogInterval = other.failureLogInterval;
    eventsAddress = other.eventsAddress;
    secrets = other.secrets;
    idGenerator = other.idGenerator;
    maxSessionsPerPrincipal = other.maxSessionsPerPrincipal;
    principalLimitPolicy = other.principalLimitPolicy;
    principalName = other.principalName;
  }

  /**
   * Options from JSON, under the names of the setters ({@code cookieName}, {@code idleTimeout}, {@code secrets}, ...);
   * a missing name keeps its default. Durations are ISO-8601 strings such as {@code "PT30M"} or numbers of
   * milliseconds; enum values are their names in any case, and {@code cookieSecure} may also be a boolean
   * ({@code true} for {@code ALWAYS}, {@code false} for {@code NEVER}). JSON cannot leave SameSite out: a missing or
   * null {@code cookieSameSite} reads as the default {@code Lax}. A key that names no option, such as a misspelt one,
   * and a value of the wrong type are refused, so that a configuration never loses an option silently.
   *
   * @param json the options
   * @throws IllegalArgumentException naming the option at fault, as the setters do, or the unknown key
   */
  public SessionOptions(JsonObject json) {
    OptionsJson in = new OptionsJson(SessionOptions.class, json);
    setIdTransport(in.getEnum("idTransport", SessionIdTransport.class, DEFAULT_ID_TRANSPORT));
    setIdHeaderName(in.getString("idHeaderName", DEFAULT_ID_HEADER_NAME));
    setCookieName(in.getString("cookieName", DEFAULT_COOKIE_NAME));
    setCookiePath(in.getString("cookiePath", DEFAULT_COOKIE_PATH));
    setCookieDomain(in.getString("cookieDomain", null));
    setCookieHttpOnly(in.getBoolean("cookieHttpOnly", DEFAULT_COOKIE_HTTP_ONLY));
    setCookieSecure(cookieSecure(in));
    setTrustProxy(in.getBoolean("trustProxy", DEFAULT_TRUST_PROXY));
    setCookieSameSite(in.getEnum("cookieSameSite", CookieSameSite.class, DEFAULT_COOKIE_SAME_SITE));
    setCookiePartitioned(in.getBoolean("cookiePartitioned", DEFAULT_COOKIE_PARTITIONED));
    setCookiePriority(in.getString("cookiePriority", null));
    setCookieMaxAge(in.getDuration("cookieMaxAge", null));
    setSaveUninitialized(in.getBoolean("saveUninitialized", DEFAULT_SAVE_UNINITIALIZED));
    setResave(in.getBoolean("resave", DEFAULT_RESAVE));
    setRolling(in.getBoolean("rolling", DEFAULT_ROLLING));
    setTouchInterval(in.getDuration("touchInterval", null));
    setIdleTimeout(in.getDuration("idleTimeout", DEFAULT_IDLE_TIMEOUT));
    setMaxLifetime(in.getDuration("maxLifetime", null));
    setStoreTimeout(in.getDuration("storeTimeout", DEFAULT_STORE_TIMEOUT));
    setWriteTimeout(in.getDuration("writeTimeout", null));
    setFailureLogInterval(in.getDuration("failureLogInterval", DEFAULT_FAILURE_LOG_INTERVAL));
    setEventsAddress(in.getString("eventsAddress", null));
    setMaxSessionsPerPrincipal(in.getInteger("maxSessionsPerPrincipal", null));
    setPrincipalLimitPolicy(in.getEnum("principalLimitPolicy", PrincipalLimitPolicy.class,
      DEFAULT_PRINCIPAL_LIMIT_POLICY));
    setSecrets(in.getStrings("secrets", List.of()));
    in.rejectUnknownKeys();
  }

  /**
   * The JSON form, under the names the JSON constructor reads. The secrets are left out, so that logging the options
   * never leaks them, and so is the ID generator; a round trip through JSON therefore needs the secrets set again.
   *
   * @return a new JSON object
   */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
      .put("idTransport", idTransport.name())
      .put("idHeaderName", idHeaderName)
      .put("cookieName", cookieName)
      .put("cookiePath", cookiePath)
      .put("cookieHttpOnly", cookieHttpOnly)
      .put("cookieSecure", cookieSecure.name())
      .put("trustProxy", trustProxy)
      .put("cookiePartitioned", cookiePartitioned)
      .put("saveUninitialized", saveUninitialized)
      .put("resave", resave)
      .put("rolling", rolling)
      .put("idleTimeout", Durations.toJson(idleTimeout))
      .put("storeTimeout", Durations.toJson(storeTimeout))
      .put("failureLogInterval", Durations.toJson(failureLogInterval));
    putIfSet(json, "cookieDomain", cookieDomain);
    putIfSet(json, "cookieSameSite", cookieSameSite == null ? null : cookieSameSite.name());
    putIfSet(json, "cookiePriority", cookiePriority);
    putIfSet(json, "cookieMaxAge", Durations.toJson(cookieMaxAge));
    putIfSet(json, "touchInterval", Durations.toJson(touchInterval));
    putIfSet(json, "maxLifetime", Durations.toJson(maxLifetime));
    putIfSet(json, "writeTimeout", Durations.toJson(writeTimeout));
    putIfSet(json, "maxSessionsPerPrincipal", maxSessionsPerPrincipal);
    putIfSet(json, "eventsAddress", eventsAddress);
    json.put("principalLimitPolicy", principalLimitPolicy.name());
    return json;
  }

  /**
   * Checks how the options fit together: at least one secret is set, {@code SameSite=None} and Partitioned cookies are
   * not combined with {@link CookieSecure#NEVER}, the ID generator makes well-formed IDs (it is called once to see),
   * and a touch interval set is shorter than the idle timeout. {@link SessionHandler#create} calls it.
   *
   * @return these options
   * @throws IllegalArgumentException naming the option at fault
   */
  public SessionOptions validate() {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("secrets must hold at least one secret to sign session cookies with");
    }
    if (cookieSameSite == CookieSameSite.NONE && cookieSecure == CookieSecure.NEVER) {
      throw new IllegalArgumentException("cookieSameSite NONE needs cookieSecure ALWAYS or AUTO: browsers reject it "
        + "on insecure cookies");
    }
    if (cookiePartitioned && cookieSecure == CookieSecure.NEVER) {
      throw new IllegalArgumentException("cookiePartitioned needs cookieSecure ALWAYS or AUTO");
    }
    try {
      SessionIds.requireWellFormed(idGenerator.get());
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (touchInterval != null && touchInterval.compareTo(idleTimeout) >= 0) {
      throw new IllegalArgumentException("touchInterval (" + touchInterval + ") must be shorter than idleTimeout ("
        + idleTimeout + ")");
    }
    return this;
  }

  /**
   * The touch interval in force.
   *
   * @return the one set, or 1/{@value #DEFAULT_TOUCH_INTERVAL_DIVISOR} of the idle timeout
   */
  public Duration effectiveTouchInterval() {
    return touchInterval != null ? touchInterval : idleTimeout.dividedBy(DEFAULT_TOUCH_INTERVAL_DIVISOR);
  }

  /**
   * The write timeout in force.
   *
   * @return the one set, or the store timeout
   */
  public Duration effectiveWriteTimeout() {
    return writeTimeout != null ? writeTimeout : storeTimeout;
  }

  /**
   * How the session ID travels; see {@link #setIdTransport}.
   *
   * @return the transport, never null
   */
  public SessionIdTransport getIdTransport() {
    return idTransport;
  }

  /**
   * How the signed session ID travels between client and server; default {@link SessionIdTransport#COOKIE}. With
   * {@link SessionIdTransport#HEADER} the value the cookie would hold travels in the {@link #setIdHeaderName ID
   * header} instead, and every guarantee of the cookie holds: the same signature under every secret, a fresh session
   * without a store call for a missing, bad, oversized or doubled value, no adopted client-chosen ID.
   *
   * <p>The response carries the header exactly when a cookie would have been set: for a new ID (a new session, a
   * {@code regenerate()}), a changed {@link Session#setMaxAge lifetime}, and on every response when {@link #setRolling
   * rolling} is on and there is a Max-Age. A destroyed session answers with the header empty. The header has no
   * Max-Age, Path, Domain, SameSite, HttpOnly or Secure: the client keeps the last value it was sent, replaces it with
   * any new one, drops it on an empty one, and keeps it when the response has no header; a value sent after the
   * session expired gets a fresh session and, unless that one is stored, the header back empty.
   * {@link CookieSecure#ALWAYS} applies to the header too: no ID is sent in answer to a plain-HTTP request, and no new
   * session is stored for it.
   *
   * <p>With {@link SessionIdTransport#COOKIE_OR_HEADER}, a request that carries the header (even empty, which is how
   * a client asks for the header on its first request) is answered in the header, any other request in the cookie.
   * One that carries both is trusted only when both hold the same value, and is then answered in both, so that a
   * client sending both keeps them in step; different values are ambiguous, so neither is trusted, as with a doubled
   * cookie, and the answer goes in the header only: an ambiguous request never replaces the cookie.
   *
   * <p>A browser script on another origin can read the header only if CORS exposes it: the server must list it in
   * {@code Access-Control-Allow-Headers} (the request) and {@code Access-Control-Expose-Headers} (the response).
   *
   * @param idTransport the transport, not null
   * @return these options
   */
  public SessionOptions setIdTransport(SessionIdTransport idTransport) {
    this.idTransport = Objects.requireNonNull(idTransport, "idTransport");
    return this;
  }

  /**
   * The header the session ID travels in; see {@link #setIdHeaderName}.
   *
   * @return the header's name
   */
  public String getIdHeaderName() {
    return idHeaderName;
  }

  /**
   * The request and response header the session ID travels in with {@link SessionIdTransport#HEADER} or
   * {@link SessionIdTransport#COOKIE_OR_HEADER}; default {@value #DEFAULT_ID_HEADER_NAME}. Its value is the signed ID
   * alone, without a scheme. Unused with {@link SessionIdTransport#COOKIE}.
   *
   * @param idHeaderName a header-name token: letters, digits and {@code !#$%&'*+-.^_`|~}; not {@code Cookie} nor
   *                     {@code Set-Cookie}
   * @return these options
   * @throws IllegalArgumentException if it is null, empty, not a token, or a cookie header
   */
  public SessionOptions setIdHeaderName(String idHeaderName) {
    if (idHeaderName == null || !idHeaderName.matches(TOKEN) || idHeaderName.equalsIgnoreCase("Cookie")
      || idHeaderName.equalsIgnoreCase("Set-Cookie")) {
      throw new IllegalArgumentException("idHeaderName must be a header-name token other than Cookie and Set-Cookie, "
        + "not '" + idHeaderName + "'");
    }
    this.idHeaderName = idHeaderName;
    return this;
  }

  /**
   * The cookie's name; see {@link #setCookieName}.
   *
   * @return the name
   */
  public String getCookieName() {
    return cookieName;
  }

  /**
   * The cookie's name; default {@value #DEFAULT_COOKIE_NAME}.
   *
   * @param cookieName a cookie-name token: letters, digits and {@code !#$%&'*+-.^_`|~}
   * @return these options
   * @throws IllegalArgumentException if it is null, empty or not a token
   */
  public SessionOptions setCookieName(String cookieName) {
    if (cookieName == null || !cookieName.matches(TOKEN)) {
      throw new IllegalArgumentException("cookieName must be a non-empty cookie-name token, not '" + cookieName + "'");
    }
    this.cookieName = cookieName;
    return this;
  }

  /**
   * The cookie's Path; see {@link #setCookiePath}.
   *
   * @return the path
   */
  public String getCookiePath() {
    return cookiePath;
  }

  /**
   * The cookie's Path; default {@value #DEFAULT_COOKIE_PATH}.
   *
   * @param cookiePath the path, printable ASCII without spaces or {@code ;}
   * @return these options
   * @throws IllegalArgumentException if it is null, empty or holds other characters
   */
  public SessionOptions setCookiePath(String cookiePath) {
    this.cookiePath = requireAttributeValue("cookiePath", cookiePath);
    return this;
  }

  /**
   * The cookie's Domain; see {@link #setCookieDomain}.
   *
   * @return the domain, or {@code null} for none
   */
  public String getCookieDomain() {
    return cookieDomain;
  }

  /**
   * The cookie's Domain; default none, so the cookie goes back to the exact host only. A domain such as
   * {@code example.com} sends it to its subdomains too.
   *
   * @param cookieDomain the domain, printable ASCII without spaces or {@code ;}; {@code null} for none
   * @return these options
   * @throws IllegalArgumentException if it is empty or holds other characters
   */
  public SessionOptions setCookieDomain(String cookieDomain) {
    this.cookieDomain = cookieDomain == null ? null : requireAttributeValue("cookieDomain", cookieDomain);
    return this;
  }

  /**
   * Whether the cookie is HttpOnly; see {@link #setCookieHttpOnly}.
   *
   * @return true if scripts are kept from reading it
   */
  public boolean isCookieHttpOnly() {
    return cookieHttpOnly;
  }

  /**
   * Whether scripts are kept from reading the cookie (HttpOnly); default true.
   *
   * @param cookieHttpOnly true to send the HttpOnly attribute
   * @return these options
   */
  public SessionOptions setCookieHttpOnly(boolean cookieHttpOnly) {
    this.cookieHttpOnly = cookieHttpOnly;
    return this;
  }

  /**
   * When the cookie is Secure; see {@link #setCookieSecure}.
   *
   * @return the policy, never null
   */
  public CookieSecure getCookieSecure() {
    return cookieSecure;
  }

  /**
   * When the cookie is Secure; default {@link CookieSecure#AUTO}. With {@link CookieSecure#ALWAYS}, a plain-HTTP
   * request gets no cookie (nor, with a {@link #setIdTransport header transport}, an ID header), and no new session
   * is stored for it.
   *
   * @param cookieSecure the policy, not null
   * @return these options
   */
  public SessionOptions setCookieSecure(CookieSecure cookieSecure) {
    this.cookieSecure = Objects.requireNonNull(cookieSecure, "cookieSecure");
    return this;
  }

  /**
   * Whether {@code X-Forwarded-Proto} is believed; see {@link #setTrustProxy}.
   *
   * @return true if it is
   */
  public boolean isTrustProxy() {
    return trustProxy;
  }

  /**
   * Whether {@code X-Forwarded-Proto} tells if the request was HTTPS, for {@link CookieSecure#AUTO}; default false.
   * Set it only behind a proxy that sets that header, since a client can send it too.
   *
   * @param trustProxy true to believe the header's first value
   * @return these options
   */
  public SessionOptions setTrustProxy(boolean trustProxy) {
    this.trustProxy = trustProxy;
    return this;
  }

  /**
   * The cookie's SameSite; see {@link #setCookieSameSite}.
   *
   * @return the value, or {@code null} when the attribute is left out
   */
  public CookieSameSite getCookieSameSite() {
    return cookieSameSite;
  }

  /**
   * The cookie's SameSite; default {@code Lax}. {@code None} needs a cookie that can be Secure ({@link #validate()}
   * refuses it with {@link CookieSecure#NEVER}); with {@link CookieSecure#AUTO}, a request that is not HTTPS gets
   * {@code Lax} instead, since browsers reject {@code None} on an insecure cookie.
   *
   * @param cookieSameSite the value, or {@code null} to leave the attribute out
   * @return these options
   */
  public SessionOptions setCookieSameSite(CookieSameSite cookieSameSite) {
    this.cookieSameSite = cookieSameSite;
    return this;
  }

  /**
   * Whether the cookie is Partitioned; see {@link #setCookiePartitioned}.
   *
   * @return true if it is
   */
  public boolean isCookiePartitioned() {
    return cookiePartitioned;
  }

  /**
   * Whether the cookie is Partitioned (CHIPS), for sessions inside third-party frames; default false. The attribute
   * goes with Secure cookies only; {@link #validate()} refuses it with {@link CookieSecure#NEVER}.
   *
   * @param cookiePartitioned true to send the Partitioned attribute
   * @return these options
   */
  public SessionOptions setCookiePartitioned(boolean cookiePartitioned) {
    this.cookiePartitioned = cookiePartitioned;
    return this;
  }

  /**
   * The cookie's Priority; see {@link #setCookiePriority}.
   *
   * @return {@code Low}, {@code Medium}, {@code High}, or {@code null} for none
   */
  public String getCookiePriority() {
    return cookiePriority;
  }

  /**
   * The cookie's Priority; default none.
   *
   * @param cookiePriority {@code Low}, {@code Medium} or {@code High}, cased so; {@code null} for none
   * @return these options
   * @throws IllegalArgumentException for any other value
   */
  public SessionOptions setCookiePriority(String cookiePriority) {
    if (cookiePriority != null && !PRIORITIES.contains(cookiePriority)) {
      throw new IllegalArgumentException("cookiePriority must be Low, Medium or High, not '" + cookiePriority + "'");
    }
    this.cookiePriority = cookiePriority;
    return this;
  }

  /**
   * The cookie's Max-Age; see {@link #setCookieMaxAge}.
   *
   * @return the Max-Age, or {@code null} for a browser-session cookie
   */
  public Duration getCookieMaxAge() {
    return cookieMaxAge;
  }

  /**
   * The cookie's Max-Age; default none: a browser-session cookie, gone when the browser closes. It sets how long the
   * browser keeps the cookie, not how long the store keeps the session (the idle timeout); {@link Session#setMaxAge}
   * sets both for one session.
   *
   * @param cookieMaxAge a positive duration, or {@code null} for none
   * @return these options
   * @throws IllegalArgumentException if it is zero or negative
   */
  public SessionOptions setCookieMaxAge(Duration cookieMaxAge) {
    this.cookieMaxAge = cookieMaxAge == null ? null : Durations.requirePositive("cookieMaxAge", cookieMaxAge);
    return this;
  }

  /**
   * Whether untouched new sessions are stored; see {@link #setSaveUninitialized}.
   *
   * @return true if they are
   */
  public boolean isSaveUninitialized() {
    return saveUninitialized;
  }

  /**
   * Whether a new session that no route put anything into is stored and gets a cookie; default false, so anonymous
   * requests cost no store write.
   *
   * @param saveUninitialized true to store every new session
   * @return these options
   */
  public SessionOptions setSaveUninitialized(boolean saveUninitialized) {
    this.saveUninitialized = saveUninitialized;
    return this;
  }

  /**
   * Whether unmodified sessions are rewritten whole; see {@link #setResave}.
   *
   * @return true if they are
   */
  public boolean isResave() {
    return resave;
  }

  /**
   * Whether an unmodified session is rewritten whole on every request; default false: only its expiry is touched.
   *
   * @param resave true to rewrite every attribute on every request
   * @return these options
   */
  public SessionOptions setResave(boolean resave) {
    this.resave = resave;
    return this;
  }

  /**
   * Whether a cookie with a Max-Age is re-sent on every response; see {@link #setRolling}.
   *
   * @return true if it is
   */
  public boolean isRolling() {
    return rolling;
  }

  /**
   * Whether every response for a live session re-sends a cookie that has a Max-Age, so its expiry moves with use;
   * default true. A browser-session cookie has no expiry to move and is sent only when it changes.
   *
   * @param rolling true to re-send the cookie on every response
   * @return these options
   */
  public SessionOptions setRolling(boolean rolling) {
    this.rolling = rolling;
    return this;
  }

  /**
   * The touch interval set; see {@link #setTouchInterval} and {@link #effectiveTouchInterval()}.
   *
   * @return the interval, or {@code null} for the default
   */
  public Duration getTouchInterval() {
    return touchInterval;
  }

  /**
   * How often, at most, a request that changes nothing moves the session's expiry in the store; default 1/100 of
   * the idle timeout (18 s for 30 min): sessions may then expire up to that much early, and read-only traffic
   * writes at most once per interval per session. The touch rides on the load and costs no extra round trip.
   *
   * @param touchInterval zero (touch on every request) or longer, and shorter than the idle timeout (checked by
   *                      {@link #validate()}); {@code null} for the default
   * @return these options
   * @throws IllegalArgumentException if it is negative
   */
  public SessionOptions setTouchInterval(Duration touchInterval) {
    if (touchInterval != null && touchInterval.isNegative()) {
      throw new IllegalArgumentException("touchInterval must not be negative, not " + touchInterval);
    }
    this.touchInterval = touchInterval;
    return this;
  }

  /**
   * How long a session lives unused; see {@link #setIdleTimeout}.
   *
   * @return the idle timeout
   */
  public Duration getIdleTimeout() {
    return idleTimeout;
  }

  /**
   * How long a session lives without being used; default 30 minutes. {@link Session#setMaxAge} changes it for one
   * session.
   *
   * @param idleTimeout a positive duration
   * @return these options
   * @throws IllegalArgumentException if it is null, zero or negative
   */
  public SessionOptions setIdleTimeout(Duration idleTimeout) {
    this.idleTimeout = Durations.requirePositive("idleTimeout", idleTimeout);
    return this;
  }

  /**
   * How long a session may live at all; see {@link #setMaxLifetime}.
   *
   * @return the limit, or {@code null} for none
   */
  public Duration getMaxLifetime() {
    return maxLifetime;
  }

  /**
   * How long a session may live at all since it was created, however busy; default none. OWASP advises one. A session
   * keeps the limit it was created with.
   *
   * @param maxLifetime a positive duration, or {@code null} for no limit
   * @return these options
   * @throws IllegalArgumentException if it is zero or negative
   */
  public SessionOptions setMaxLifetime(Duration maxLifetime) {
    this.maxLifetime = maxLifetime == null ? null : Durations.requirePositive("maxLifetime", maxLifetime);
    return this;
  }

  /**
   * How long a load may take; see {@link #setStoreTimeout}.
   *
   * @return the store timeout
   */
  public Duration getStoreTimeout() {
    return storeTimeout;
  }

  /**
   * How long the handler waits for the store to load a session before it answers 503 (or calls the
   * {@link SessionHandler#storeFailureHandler store failure handler}); default 2 seconds.
   *
   * @param storeTimeout a positive duration
   * @return these options
   * @throws IllegalArgumentException if it is null, zero or negative
   */
  public SessionOptions setStoreTimeout(Duration storeTimeout) {
    this.storeTimeout = Durations.requirePositive("storeTimeout", storeTimeout);
    return this;
  }

  /**
   * How often a store failure that goes on is logged; see {@link #setFailureLogInterval}.
   *
   * @return the interval
   */
  public Duration getFailureLogInterval() {
    return failureLogInterval;
  }

  /**
   * How often, at most, a store failure that goes on is logged; default 10 seconds. The first failed load (or
   * automatic save) after a success is logged at once with its cause; while they go on, one line per interval says
   * how many failed since the last line; the first success after them says the store answers again. Per-request
   * counts are in the metrics ({@code vertx-sessions-micrometer}).
   *
   * @param failureLogInterval a positive duration
   * @return these options
   * @throws IllegalArgumentException if it is null, zero or negative
   */
  public SessionOptions setFailureLogInterval(Duration failureLogInterval) {
    this.failureLogInterval = Durations.requirePositive("failureLogInterval", failureLogInterval);
    return this;
  }

  /**
   * The event-bus address session events are published at; see {@link #setEventsAddress}.
   *
   * @return the address, or null when events are not published
   */
  public String getEventsAddress() {
    return eventsAddress;
  }

  /**
   * Publishes {@link SessionEvent}s as JSON messages at this event-bus address: those of this handler (created,
   * regenerated, destroyed, limitEvicted), those of a {@link SessionRegistry} built with these options (revoked, on a
   * node without a handler too) and those the stores of the same Vert.x instance observe (expired, evicted); default
   * none, which publishes nothing. Publishing never delays or fails a request. Several handlers of
   * one Vert.x instance with different addresses each get every event of that instance.
   *
   * @param eventsAddress an address such as {@code "sessions.events"}, or null for none
   * @return these options
   * @throws IllegalArgumentException if it is empty
   */
  public SessionOptions setEventsAddress(String eventsAddress) {
    if (eventsAddress != null && eventsAddress.isBlank()) {
      throw new IllegalArgumentException("eventsAddress must not be blank; use null for no events");
    }
    this.eventsAddress = eventsAddress;
    return this;
  }

  /**
   * The write timeout set; see {@link #setWriteTimeout} and {@link #effectiveWriteTimeout()}.
   *
   * @return the timeout, or {@code null} for the store timeout
   */
  public Duration getWriteTimeout() {
    return writeTimeout;
  }

  /**
   * How long a session's write may take before it is given up on: an explicit {@code save()}, {@code regenerate()},
   * {@code destroy()}, {@code touch()} then fails with a {@link java.util.concurrent.TimeoutException}, and the next
   * request of that session stops waiting for it; default none, which means the store timeout.
   *
   * @param writeTimeout a positive duration, or {@code null} for the store timeout
   * @return these options
   * @throws IllegalArgumentException if it is zero or negative
   */
  public SessionOptions setWriteTimeout(Duration writeTimeout) {
    this.writeTimeout = writeTimeout == null ? null : Durations.requirePositive("writeTimeout", writeTimeout);
    return this;
  }

  /**
   * The most sessions one user may have at once.
   *
   * @return the limit, or null for none
   */
  public Integer getMaxSessionsPerPrincipal() {
    return maxSessionsPerPrincipal;
  }

  /**
   * The most sessions one user ({@link Session#principal()}) may have at once; default none. Checked, with one
   * look-up of the user's sessions, whenever a save gives a session to a user; what happens past it is the
   * {@link #setPrincipalLimitPolicy policy}. Needs a store that finds sessions by principal, as every bundled one does.
   *
   * @param maxSessionsPerPrincipal at least 1, or null for no limit
   * @return these options
   */
  public SessionOptions setMaxSessionsPerPrincipal(Integer maxSessionsPerPrincipal) {
    if (maxSessionsPerPrincipal != null && maxSessionsPerPrincipal < 1) {
      throw new IllegalArgumentException("maxSessionsPerPrincipal must be at least 1, not " + maxSessionsPerPrincipal);
    }
    this.maxSessionsPerPrincipal = maxSessionsPerPrincipal;
    return this;
  }

  /**
   * What happens past the limit per user.
   *
   * @return the policy
   */
  public PrincipalLimitPolicy getPrincipalLimitPolicy() {
    return principalLimitPolicy;
  }

  /**
   * What happens when a save would give a user more sessions than {@link #setMaxSessionsPerPrincipal} allows;
   * default {@link PrincipalLimitPolicy#REVOKE_LEAST_RECENTLY_USED}.
   *
   * @param principalLimitPolicy the policy
   * @return these options
   */
  public SessionOptions setPrincipalLimitPolicy(PrincipalLimitPolicy principalLimitPolicy) {
    this.principalLimitPolicy = Objects.requireNonNull(principalLimitPolicy, "principalLimitPolicy");
    return this;
  }

  /**
   * How the principal of a session is named from vertx-web's {@code ctx.user()}.
   *
   * @return the function
   */
  public Function<User, String> getPrincipalName() {
    return principalName;
  }

  /**
   * How the handler names the principal of a session when an authentication handler sets {@code ctx.user()}; set in
   * code only. Default: vertx-auth's {@code User.subject()}: the principal's {@code username} (username/password
   * providers), or the {@code sub} of an OpenID Connect or OAuth2 token, else null.
   *
   * @param principalName a function from the user to its name, or to null for none
   * @return these options
   */
  public SessionOptions setPrincipalName(Function<User, String> principalName) {
    this.principalName = Objects.requireNonNull(principalName, "principalName");
    return this;
  }

  /**
   * The secrets cookies are signed with; see {@link #setSecrets}.
   *
   * @return an unmodifiable list, empty until set
   */
  public List<String> getSecrets() {
    return secrets;
  }

  /**
   * The secrets cookies are signed with (HMAC-SHA256): the first signs, every one verifies, so a new secret can be put
   * first while the old one still accepts existing cookies. Required; no default.
   *
   * @param secrets at least one secret (checked by {@link #validate()}), each of at least
   *                {@value #MIN_SECRET_LENGTH} characters; the list is copied
   * @return these options
   * @throws IllegalArgumentException if a secret is null or shorter
   */
  public SessionOptions setSecrets(List<String> secrets) {
    Objects.requireNonNull(secrets, "secrets");
    for (String secret : secrets) {
      if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
        throw new IllegalArgumentException("secrets must each have at least " + MIN_SECRET_LENGTH
          + " characters; one has " + (secret == null ? "none" : secret.length()));
      }
    }
    this.secrets = List.copyOf(secrets);
    return this;
  }

  /**
   * What makes session IDs; see {@link #setIdGenerator}.
   *
   * @return the generator, never null
   */
  @GenIgnore
  public Supplier<String> getIdGenerator() {
    return idGenerator;
  }

  /**
   * Makes session IDs; default 32 bytes from {@link java.security.SecureRandom}, base64url. A custom generator must
   * give at least 128 bits of CSPRNG output as 22 to 128 characters of {@code A-Z a-z 0-9 - _}, and be safe to call
   * from any thread. Set in code only, not in JSON.
   *
   * @param idGenerator the generator, not null
   * @return these options
   */
  @GenIgnore
  public SessionOptions setIdGenerator(Supplier<String> idGenerator) {
    this.idGenerator = Objects.requireNonNull(idGenerator, "idGenerator");
    return this;
  }

  private static String requireAttributeValue(String option, String value) {
    if (value == null || value.isEmpty() || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ';')) {
      throw new IllegalArgumentException(option + " must be printable ASCII without spaces or ';', not '" + value + "'");
    }
    return value;
  }

  /** {@code cookieSecure} in JSON: a boolean ({@code true} for ALWAYS, {@code false} for NEVER) or a constant's name. */
  private static CookieSecure cookieSecure(OptionsJson in) {
    Object secure = in.getValue("cookieSecure");
    if (secure instanceof Boolean flag) {
      return flag ? CookieSecure.ALWAYS : CookieSecure.NEVER;
    }
    if (secure == null || secure instanceof String) {
      return in.getEnum("cookieSecure", CookieSecure.class, DEFAULT_COOKIE_SECURE);
    }
    throw in.wrongType("cookieSecure", "true, false or one of " + List.of(CookieSecure.values()));
  }

  private static void putIfSet(JsonObject json, String name, Object value) {
    if (value != null) {
      json.put(name, value);
    }
  }
}
