/** A small application on the module path, for {@code ModulePathIT}: it names the core by its module name. */
module com.example.modulepath {
  requires io.github.vertxsessions.core;
  requires io.vertx.core;
  requires io.vertx.web;
}
