package io.github.vertxsessions.bench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the command lines of the suite's JVMs: this JVM's java, the shaded jar, a main class. */
record Launcher(Path javaBinary, Path jar) {

  static Launcher current(Path jar) {
    return new Launcher(Path.of(System.getProperty("java.home"), "bin", "java"), jar);
  }

  List<String> java(Class<?> main, List<String> jvmOptions, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary.toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(jar.toString());
    command.add(main.getName());
    command.addAll(args);
    return command;
  }
}
