package dev.berth.context;

import dev.berth.config.BerthConfig;
import dev.berth.dockerfile.Command;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Flag;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Mount;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.Word;
import dev.berth.project.FileTree;
import dev.berth.project.Project;
import dev.berth.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Builds small in-memory projects for context and rule tests until the real parser and loader
 * land: a tiny single-line Dockerfile reader (FROM, COPY, ADD, RUN with --mount, ENV, WORKDIR) and a
 * FileTree from a list of paths. Text files given with content become project sources.
 */
public final class TestProjects {
  private final Map<String, String> files = new LinkedHashMap<>();
  private final TreeSet<String> dirs = new TreeSet<>();
  private final List<String> dockerfiles = new ArrayList<>();

  public static TestProjects create() {
    return new TestProjects();
  }

  /** A file with content; parent directories are implied. */
  public TestProjects file(String path, String content) {
    files.put(path, content);
    return this;
  }

  /** Files without interesting content ("x"); a path ending in '/' is a directory. */
  public TestProjects paths(String... paths) {
    for (String p : paths) {
      if (p.endsWith("/")) {
        dirs.add(p.substring(0, p.length() - 1));
      } else {
        files.putIfAbsent(p, "x\n");
      }
    }
    return this;
  }

  public TestProjects dockerfile(String path, String content) {
    files.put(path, content);
    dockerfiles.add(path);
    return this;
  }

  public FileTree tree() {
    TreeSet<String> allDirs = new TreeSet<>(dirs);
    for (String f : files.keySet()) addParents(f, allDirs);
    for (String d : dirs) addParents(d, allDirs);
    List<FileTree.Entry> entries = new ArrayList<>();
    entries.add(new FileTree.Entry("", FileTree.Kind.DIRECTORY, 0, Optional.empty(), false, false));
    for (String d : allDirs) {
      boolean pruned = FileTree.PRUNED.contains(Paths.name(d));
      entries.add(new FileTree.Entry(d, FileTree.Kind.DIRECTORY, 0, Optional.empty(), false,
          pruned));
    }
    for (String f : files.keySet()) {
      entries.add(new FileTree.Entry(f, FileTree.Kind.FILE, files.get(f).length(),
          Optional.empty(), false, false));
    }
    return FileTree.of(entries, false);
  }

  private static void addParents(String p, TreeSet<String> into) {
    String d = Paths.parent(p);
    while (!d.isEmpty()) {
      into.add(d);
      d = Paths.parent(d);
    }
  }

  public Project build() {
    List<SourceFile> sources = new ArrayList<>();
    for (Map.Entry<String, String> e : files.entrySet()) {
      sources.add(new SourceFile(e.getKey(), e.getValue()));
    }
    List<Dockerfile> parsed = new ArrayList<>();
    for (String d : dockerfiles) parsed.add(parse(new SourceFile(d, files.get(d))));
    return Project.builder(Path.of("/project"), BerthConfig.defaults())
        .dockerfiles(parsed)
        .sources(sources)
        .fileTree(tree())
        .build();
  }

  /** A deliberately tiny Dockerfile reader: one instruction per line, shell form only. */
  public static Dockerfile parse(SourceFile src) {
    List<Instruction> all = new ArrayList<>();
    List<Stage> stages = new ArrayList<>();
    Instruction.From from = null;
    List<Instruction> body = new ArrayList<>();
    for (int line = 1; line <= src.lineCount(); line++) {
      String text = src.lineText(line);
      if (text.isBlank() || text.strip().startsWith("#")) continue;
      List<Word> words = words(src, line);
      Word kw = words.get(0);
      List<Flag> flags = new ArrayList<>();
      int i = 1;
      while (i < words.size() && words.get(i).text().startsWith("--")) {
        String f = words.get(i).text().substring(2);
        int eq = f.indexOf('=');
        flags.add(new Flag(eq < 0 ? f : f.substring(0, eq),
            eq < 0 ? Optional.empty() : Optional.of(f.substring(eq + 1)), words.get(i).range()));
        i++;
      }
      List<Word> args = words.subList(i, words.size());
      var range = src.lineRange(line);
      Instruction ins;
      switch (kw.text().toUpperCase()) {
        case "FROM": {
          boolean as = args.size() >= 3;
          ins = new Instruction.From(kw, flags, args.get(0),
              as ? Optional.of(args.get(1)) : Optional.empty(),
              as ? Optional.of(args.get(2)) : Optional.empty(), range);
          break;
        }
        case "COPY":
          ins = new Instruction.Copy(kw, flags, List.copyOf(args.subList(0, args.size() - 1)),
              args.get(args.size() - 1), List.of(), false, range);
          break;
        case "ADD":
          ins = new Instruction.Add(kw, flags, List.copyOf(args.subList(0, args.size() - 1)),
              args.get(args.size() - 1), List.of(), false, range);
          break;
        case "RUN": {
          int start = args.isEmpty() ? src.lineEnd(line) : src.offset(line,
              args.get(0).range().startColumn());
          List<Mount> mounts = new ArrayList<>();
          for (Flag f : flags) {
            if (!f.name().equals("mount")) continue;
            Map<String, String> opts = new LinkedHashMap<>();
            String type = "bind";
            for (String kv : f.valueOrEmpty().split(",")) {
              String[] p = kv.split("=", 2);
              if (p[0].equals("type")) {
                type = p[1];
              } else {
                opts.put(p[0], p.length > 1 ? p[1] : "");
              }
            }
            mounts.add(new Mount(type, opts, f.range()));
          }
          ins = new Instruction.Run(kw, flags,
              new Command.ShellForm(src.text().substring(start, src.lineEnd(line)),
                  src.range(start, src.lineEnd(line))), List.of(), mounts, range);
          break;
        }
        case "ENV": {
          List<dev.berth.dockerfile.KeyValue> pairs = new ArrayList<>();
          for (Word w : args) {
            int eq = w.text().indexOf('=');
            Word k = new Word(eq < 0 ? w.text() : w.text().substring(0, eq), w.range());
            Word v = new Word(eq < 0 ? "" : w.text().substring(eq + 1), w.range());
            pairs.add(new dev.berth.dockerfile.KeyValue(k, v, w.range()));
          }
          ins = new Instruction.Env(kw, flags, pairs, false, range);
          break;
        }
        case "WORKDIR":
          ins = new Instruction.Workdir(kw, flags, args.get(0), range);
          break;
        default:
          continue;
      }
      all.add(ins);
      if (ins instanceof Instruction.From f) {
        if (from != null) stages.add(new Stage(stages.size(), from, body));
        from = f;
        body = new ArrayList<>();
      } else {
        body.add(ins);
      }
    }
    if (from != null) stages.add(new Stage(stages.size(), from, body));
    return new Dockerfile(src, List.of(), '\\', List.of(), all, stages, List.of(), List.of());
  }

  private static List<Word> words(SourceFile src, int line) {
    List<Word> out = new ArrayList<>();
    String text = src.lineText(line);
    int base = src.lineStart(line);
    int i = 0;
    while (i < text.length()) {
      while (i < text.length() && text.charAt(i) == ' ') i++;
      int start = i;
      while (i < text.length() && text.charAt(i) != ' ') i++;
      if (i > start) {
        out.add(new Word(text.substring(start, i), src.range(base + start, base + i)));
      }
    }
    return out;
  }
}
