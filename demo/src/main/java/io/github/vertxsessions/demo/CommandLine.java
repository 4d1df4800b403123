package io.github.vertxsessions.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns the demo's flags into the {@link DemoVerticle}'s JSON config. Each flag falls back on an environment
 * variable, and a flag wins over its variable. Values are checked here, so that a bad one is reported under the name
 * the user typed.
 */
final class CommandLine {

  /**
   * @param list whether the flag may be repeated (and its variable holds a comma-separated list)
   */
  private record Option(String flag, String env, String key, String valueName, String help, boolean list,
                        Function<String, Object> parser) {
  }

  /** Help texts are wrapped by hand ("\n") to fit an 80-column terminal. */
  private static final List<Option> OPTIONS = List.of(
    new Option("--store", "SESSION_STORE", "store", "local|redis|mongo|postgres",
      "Where sessions live. Default: " + DemoConfig.DEFAULT_STORE + ".", false, ConfigValues::store),
    new Option("--redis-url", "REDIS_URL", "redisUrl", "URL",
      "The Redis of --store redis. Default: " + DemoConfig.DEFAULT_REDIS_URL + ".", false, ConfigValues::redisUrl),
    new Option("--mongo-uri", "MONGO_URI", "mongoUri", "URI",
      "The MongoDB of --store mongo.\nDefault: " + DemoConfig.DEFAULT_MONGO_URI + ".", false,
      ConfigValues::mongoUri),
    new Option("--pg-uri", "PG_URI", "pgUri", "URI",
      "The PostgreSQL of --store postgres.\nDefault: " + DemoConfig.DEFAULT_PG_URI + ".", false,
      ConfigValues::pgUri),
    new Option("--host", "HOST", "host", "ADDRESS",
      "The address to listen on; 0.0.0.0 for every interface.\nDefault: " + DemoConfig.DEFAULT_HOST
        + " (this machine only).", false, ConfigValues::host),
    new Option("--port", "PORT", "port", "PORT",
      "The HTTP port; 0 for any free port. Default: " + DemoConfig.DEFAULT_PORT + ".", false, ConfigValues::port),
    new Option("--idle-timeout", "SESSION_IDLE_TIMEOUT", "idleTimeout", "DURATION",
      "How long an unused session lives: 30m, 90s, 2h, PT45M...\nDefault: 30m.", false,
      value -> ConfigValues.duration(value).toString()),
    new Option("--secret", "SESSION_SECRETS", "secrets", "SECRET",
      "A secret of " + ConfigValues.MIN_SECRET_LENGTH + "+ characters that signs the session cookies. Repeat the\n"
        + "flag to rotate secrets: the first signs, all verify (the variable\n"
        + "takes a comma-separated list). Default: a random secret per start,\n"
        + "so sessions do not survive a restart.", true, ConfigValues::secret));

  static final String USAGE = usage();

  private CommandLine() {
  }

  static boolean wantsHelp(List<String> args) {
    return args.contains("--help") || args.contains("-h");
  }

  /**
   * @throws IllegalArgumentException with a one-line message naming the flag or variable at fault
   */
  static JsonObject parse(List<String> args, Map<String, String> env) {
    Map<Option, List<String>> given = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      int equals = arg.indexOf('=');
      // only the part before '=' is ever echoed: the rest may be a secret
      String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
      Option option = OPTIONS.stream().filter(o -> o.flag.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown option '" + name + "' (see --help)"));
      String value;
      if (name.length() < arg.length()) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new IllegalArgumentException(name + " needs a value (see --help)");
      }
      if (given.containsKey(option) && !option.list) {
        throw new IllegalArgumentException(name + " is given more than once");
      }
      given.computeIfAbsent(option, o -> new ArrayList<>()).add(value);
    }
    JsonObject config = new JsonObject();
    for (Option option : OPTIONS) {
      List<String> values = given.get(option);
      String source = option.flag;
      if (values == null) {
        values = fromEnvironment(option, env.get(option.env));
        source = "environment variable " + option.env;
      }
      if (!values.isEmpty()) {
        config.put(option.key, typed(option, source, values));
      }
    }
    return config;
  }

  private static List<String> fromEnvironment(Option option, String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return option.list ? Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()
      : List.of(value);
  }

  private static Object typed(Option option, String source, List<String> values) {
    if (option.list) {
      return new JsonArray(values.stream().map(value -> ConfigValues.parse(source, value, option.parser)).toList());
    }
    return ConfigValues.parse(source, values.get(0), option.parser);
  }

  private static String usage() {
    String options = OPTIONS.stream()
      .map(o -> "  " + o.flag + " " + o.valueName + "    [env " + o.env + "]\n      "
        + o.help.replace("\n", "\n      ") + "\n")
      .collect(Collectors.joining());
    return "Usage: java -jar vertx-sessions-demo.jar [options]\n\n"
      + "Starts the vertx-sessions demo: a log-in page and its JSON API, with sessions\n"
      + "in the chosen store. Demo users: alice / wonderland and bob / builder.\n\n"
      + "Options (each also read from the environment variable shown; flags win):\n"
      + options
      + "  -h, --help\n      Print this help and exit.\n";
  }
}
