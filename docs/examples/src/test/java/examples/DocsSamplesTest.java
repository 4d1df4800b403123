package examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Java block of the README and of the pages in {@code docs/} is a compiled sample: the line before it names a
 * tagged region of a file of this module ({@code <!-- sample: QuickStart.java#router -->}), and the block must equal
 * that region, with its common indentation removed and any nested tag lines left out. A block of another language
 * with a marker is checked the same way. Run with {@code -Ddocs.update=true} to rewrite the pages' blocks from their
 * sources instead of failing.
 */
class DocsSamplesTest {

  private static final Pattern MARKER = Pattern.compile("^<!-- sample: (\\S+?)#(\\S+) -->$");
  private static final Pattern TAG_LINE = Pattern.compile("^\\s*(//|<!--|#)\\s*(tag|end)::[\\w-]+\\[]\\s*(-->)?\\s*$");
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path REPO = MODULE.getParent().getParent();
  private static final List<Path> SOURCE_ROOTS = List.of(
      MODULE.resolve("src/main/java/examples"), MODULE.resolve("src/test/java/examples"), MODULE);

  @Test
  void everyJavaBlockIsACompiledSampleAndEqualsItsSource() throws IOException {
    boolean update = Boolean.getBoolean("docs.update");
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path page : pages()) {
      List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
      List<String> out = new ArrayList<>(lines.size());
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        out.add(line);
        if (!line.startsWith("```") || line.equals("```")) {
          continue;
        }
        int end = closingFence(lines, i);
        String where = REPO.relativize(page) + ":" + (i + 1);
        Matcher marker = i > 0 ? MARKER.matcher(lines.get(i - 1).strip()) : null;
        if (marker == null || !marker.matches()) {
          if (line.strip().equals("```java")) {
            problems.add(where + ": a Java block without a <!-- sample: File.java#tag --> marker on the line before");
          }
          out.addAll(lines.subList(i + 1, end + 1));
          i = end;
          continue;
        }
        checked++;
        List<String> shown = lines.subList(i + 1, end);
        List<String> source;
        try {
          source = region(marker.group(1), marker.group(2));
        } catch (IllegalArgumentException e) {
          problems.add(where + ": " + e.getMessage());
          out.addAll(lines.subList(i + 1, end + 1));
          i = end;
          continue;
        }
        if (!shown.equals(source)) {
          problems.add(where + ": differs from " + marker.group(1) + "#" + marker.group(2));
        }
        out.addAll(update ? source : shown);
        out.add(lines.get(end));
        i = end;
      }
      if (update && !out.equals(lines)) {
        Files.write(page, out, StandardCharsets.UTF_8);
      }
    }
    assertTrue(checked > 0, "no sample markers found in " + pages());
    if (!update) {
      assertEquals(List.of(), problems, "pages out of step with their samples (mvn ... -Ddocs.update=true rewrites them)");
    }
  }

  private static List<Path> pages() {
    List<Path> pages = new ArrayList<>();
    pages.add(REPO.resolve("README.md"));
    try (Stream<Path> docs = Files.walk(REPO.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).filter(p -> !p.startsWith(MODULE)).sorted().forEach(pages::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pages;
  }

  private static int closingFence(List<String> lines, int open) {
    for (int j = open + 1; j < lines.size(); j++) {
      if (lines.get(j).strip().equals("```")) {
        return j;
      }
    }
    throw new IllegalStateException("unclosed code block at line " + (open + 1));
  }

  /** The lines between {@code tag::name[]} and {@code end::name[]}, without nested tag lines or common indentation. */
  static List<String> region(String file, String tag) throws IOException {
    Path path = SOURCE_ROOTS.stream().map(root -> root.resolve(file)).filter(Files::isRegularFile).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no sample file " + file + " under " + REPO.relativize(MODULE)));
    List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    int start = indexOfTag(lines, "tag::" + tag + "[]", 0, file);
    int end = indexOfTag(lines, "end::" + tag + "[]", start, file);
    List<String> body = lines.subList(start + 1, end).stream().filter(l -> !TAG_LINE.matcher(l).matches()).toList();
    int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(DocsSamplesTest::indentation).min().orElse(0);
    return body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
  }

  private static int indexOfTag(List<String> lines, String tag, int from, String file) {
    for (int j = from; j < lines.size(); j++) {
      if (TAG_LINE.matcher(lines.get(j)).matches() && lines.get(j).contains(tag)) {
        return j;
      }
    }
    throw new IllegalArgumentException("no " + tag + " in " + file);
  }

  private static int indentation(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return n;
  }
}
