package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every {@code bin/klaxon ...} command line the READMEs show parses with the real CLI: a renamed
 * option or command fails here, not in a reader's terminal.
 */
class ReadmeCommandsTest {

  private static final Path ROOT = Path.of("..");
  private static final Pattern INLINE = Pattern.compile("`(bin/klaxon [^`]+)`");

  @TestFactory
  Stream<DynamicTest> everyCommandLineInTheReadmesParses() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path readme : readmes()) {
      for (String line : commandLines(Files.readString(readme))) {
        tests.add(DynamicTest.dynamicTest(ROOT.relativize(readme) + ": " + line, () -> {
          CommandLine cli = KlaxonCommand.commandLine();
          cli.parseArgs(ShellWords.split(line.substring("bin/klaxon".length())).toArray(String[]::new));
        }));
      }
    }
    assertThat(tests).as("the READMEs show commands").hasSizeGreaterThan(10);
    return tests.stream();
  }

  @org.junit.jupiter.api.Test
  void aMistypedOptionWouldFailTheCheck() {
    List<String> lines = commandLines("```bash\nbin/klaxon run --embeded   # typo\n```\n");

    assertThat(lines).containsExactly("bin/klaxon run --embeded");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> KlaxonCommand.commandLine()
        .parseArgs(ShellWords.split(lines.get(0).substring("bin/klaxon".length())).toArray(String[]::new)))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--embeded");
  }

  @org.junit.jupiter.api.Test
  void quotesContinuationsAndSubstitutionsSplitAsTheShellWould() {
    List<String> lines = commandLines("""
        ```bash
        bin/klaxon send '{"type":"request","timestamp":"'"$(date -u +%FT%TZ)"'"}'
        bin/klaxon run -X security.protocol=SASL_SSL \\
            -X 'sasl.jaas.config=a b;'   # note
        ```
        """);

    assertThat(ShellWords.split(lines.get(0))).containsExactly("bin/klaxon", "send",
        "{\"type\":\"request\",\"timestamp\":\"SUBSTITUTED\"}");
    assertThat(ShellWords.split(lines.get(1))).containsExactly("bin/klaxon", "run", "-X", "security.protocol=SASL_SSL",
        "-X", "sasl.jaas.config=a b;");
  }

  private static List<Path> readmes() throws IOException {
    List<Path> readmes = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> modules = Files.list(ROOT)) {
      modules.map(module -> module.resolve("README.md")).filter(Files::isRegularFile).sorted().forEach(readmes::add);
    }
    return readmes;
  }

  /** Lines of code blocks that start with {@code bin/klaxon} (with their {@code \} continuations), and inline spans. */
  static List<String> commandLines(String markdown) {
    List<String> commands = new ArrayList<>();
    boolean inCode = false;
    StringBuilder pending = null;
    for (String raw : markdown.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("```")) {
        inCode = !inCode;
        continue;
      }
      if (inCode) {
        if (pending == null && line.startsWith("bin/klaxon ")) {
          pending = new StringBuilder();
        }
        if (pending != null) {
          boolean continues = line.endsWith("\\");
          pending.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
          if (!continues) {
            commands.add(ShellWords.withoutComment(pending.toString().strip()));
            pending = null;
          }
        }
      } else {
        Matcher inline = INLINE.matcher(raw);
        while (inline.find()) {
          commands.add(inline.group(1));
        }
      }
    }
    return commands;
  }

  /** Just enough of the shell's word splitting for README examples: quotes, and $(...) as one word. */
  static final class ShellWords {

    static String withoutComment(String line) {
      boolean single = false;
      boolean dbl = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '\'' && !dbl) {
          single = !single;
        } else if (c == '"' && !single) {
          dbl = !dbl;
        } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
          return line.substring(0, i).strip();
        }
      }
      return line;
    }

    static List<String> split(String line) {
      List<String> words = new ArrayList<>();
      StringBuilder word = null;
      boolean single = false;
      boolean dbl = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '$' && !single && i + 1 < line.length() && line.charAt(i + 1) == '(') {
          int close = line.indexOf(')', i);
          word = word == null ? new StringBuilder() : word;
          word.append("SUBSTITUTED");
          i = close;
        } else if (c == '\'' && !dbl) {
          single = !single;
          word = word == null ? new StringBuilder() : word;
        } else if (c == '"' && !single) {
          dbl = !dbl;
          word = word == null ? new StringBuilder() : word;
        } else if (Character.isWhitespace(c) && !single && !dbl) {
          if (word != null) {
            words.add(word.toString());
            word = null;
          }
        } else {
          word = word == null ? new StringBuilder() : word;
          word.append(c);
        }
      }
      if (word != null) {
        words.add(word.toString());
      }
      return words;
    }
  }
}
