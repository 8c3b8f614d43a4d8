package dev.berth.programs;

import static dev.berth.source.DataResources.strings;

import dev.berth.source.DataResources;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Offline facts about the programs containers run, from {@code berth/programs/programs.yaml}:
 * what each writes as it starts, what it needs, where it listens, whether it drops privileges or
 * needs root, and how it starts other programs. A program with no entry is unknown: rules that
 * need to know what it does stay silent.
 */
public final class ProgramCatalog {
  static final String RESOURCE = "/berth/programs/programs.yaml";

  private final List<Program> programs;
  /** The {@code test} block of each entry, by position, for the catalog test. */
  private final List<Map<String, Object>> tests;

  private ProgramCatalog(List<Program> programs, List<Map<String, Object>> tests) {
    this.programs = List.copyOf(programs);
    this.tests = List.copyOf(tests);
  }

  /** Loaded on first use, once. */
  private static final class Standard {
    static final ProgramCatalog CATALOG = load(RESOURCE);
  }

  public static ProgramCatalog standard() {
    return Standard.CATALOG;
  }

  public List<Program> programs() {
    return programs;
  }

  /** Some entry is for the program of this name ({@code flask}, {@code manage.py}). */
  public boolean names(String program) {
    return programs.stream().anyMatch(p -> p.names().contains(program));
  }

  List<Map<String, Object>> tests() {
    return tests;
  }

  /**
   * The first entry that applies to {@code argv} (the program first: its base name or path is
   * compared) in a container whose base image repository is {@code image}, when any.
   */
  public Optional<Invocation> match(List<String> argv, Optional<String> image) {
    if (argv.isEmpty()) return Optional.empty();
    String exe = argv.get(0);
    String base = exe.substring(exe.lastIndexOf('/') + 1);
    for (Program p : programs) {
      if (!p.names().contains(base) && !p.names().contains(exe)) continue;
      if (!p.whenImage().isEmpty() && image.filter(p.whenImage()::contains).isEmpty()) continue;
      Invocation inv = new Invocation(p, argv);
      if (!p.subcommands().isEmpty()) {
        Optional<String> sub = inv.operand(0);
        if (!(sub.isEmpty() ? p.subcommands().contains("-") : p.subcommands().contains(sub.get()))) {
          continue;
        }
      }
      if (!p.withOptions().isEmpty() && p.withOptions().stream().noneMatch(inv::hasOption)) continue;
      return Optional.of(inv);
    }
    return Optional.empty();
  }

  /**
   * Where the script file stands that the interpreter or shell at {@code argv[i]} runs
   * ({@code python app.py}, {@code sh start.sh}), or -1 ({@link Invocation#script()}).
   */
  public int scriptArgument(List<String> argv, int i) {
    int j = match(argv.subList(i, argv.size()), Optional.empty()).map(Invocation::script).orElse(-1);
    return j < 0 ? -1 : i + j;
  }

  /** Where the module stands that {@code python -m MODULE} at {@code argv[i]} runs, or -1. */
  public int moduleArgument(List<String> argv, int i) {
    int j = match(argv.subList(i, argv.size()), Optional.empty()).map(Invocation::module).orElse(-1);
    return j < 0 ? -1 : i + j;
  }

  // ---- loading ----------------------------------------------------------------------------------

  static ProgramCatalog load(String resource) {
    Object doc = DataResources.tree(ProgramCatalog.class, resource);
    List<Program> programs = new ArrayList<>();
    List<Map<String, Object>> tests = new ArrayList<>();
    for (Object o : list(map(doc).get("programs"))) {
      Map<String, Object> m = map(o);
      programs.add(program(m));
      tests.add(m.get("test") == null ? Map.of() : map(m.get("test")));
    }
    return new ProgramCatalog(programs, tests);
  }

  private static Program program(Map<String, Object> m) {
    Set<Program.Loads> loads = EnumSet.noneOf(Program.Loads.class);
    for (String l : strings(m.get("loads"))) {
      loads.add(Program.Loads.valueOf(l.toUpperCase(Locale.ROOT).replace('-', '_')));
    }
    Optional<Program.Runs> runs = Optional.ofNullable((String) m.get("runs"))
        .map(r -> Program.Runs.valueOf(r.toUpperCase(Locale.ROOT).replace('-', '_')));
    Set<String> valueOptions = new HashSet<>(strings(m.get("value-options")));
    List<Program.Write> writes = new ArrayList<>();
    for (Object w : list(m.get("writes"))) {
      Program.Write write = write(map(w));
      writes.add(write);
      valueOptions.addAll(write.options());
    }
    List<Program.Write> owner = new ArrayList<>();
    for (Object w : list(m.get("needs-owner"))) owner.add(write(map(w)));
    Optional<Program.Listen> listens = Optional.ofNullable(m.get("listens")).map(o -> {
      if ("none".equals(o)) {
        return new Program.Listen(OptionalInt.empty(), Optional.empty(), List.of(), List.of(),
            List.of(), true, List.of(), false, List.of(), Optional.empty(), Optional.empty(),
            List.of(), List.of(), false, false, List.of(),
            Optional.empty(), Optional.empty());
      }
      Map<String, Object> l = map(o);
      OptionalInt port = l.get("port") == null ? OptionalInt.empty()
          : OptionalInt.of(((Number) l.get("port")).intValue());
      return new Program.Listen(port, Optional.ofNullable((String) l.get("address")),
          strings(l.get("port-options")), strings(l.get("address-options")),
          strings(l.get("env")), false, strings(l.get("unknown-options")),
          Boolean.TRUE.equals(l.get("operand")), strings(l.get("config")),
          Optional.ofNullable((String) l.get("config-default")),
          Optional.ofNullable((String) l.get("config-key")), strings(l.get("config-files")),
          strings(l.get("env-binds-all")), Boolean.TRUE.equals(l.get("config-operand")),
          Boolean.TRUE.equals(l.get("also-elsewhere")), strings(l.get("unknown-env")),
          Optional.ofNullable(l.get("setting")).map(x -> map(x)).map(x -> new Program.Setting(
              (String) x.get("option"), (String) x.get("port"), (String) x.get("address"),
              strings(x.get("unknown")))),
          Optional.ofNullable((String) l.get("config-reader")));
    });
    return new Program(strings(m.get("names")), strings(m.get("subcommand")),
        strings(m.get("with-option")), strings(m.get("when-image")), valueOptions, writes, owner,
        listens, Optional.ofNullable((String) m.get("drops-privileges")),
        Optional.ofNullable(m.get("drops-privileges-with")).map(ProgramCatalog::map)
            .map(d -> new Program.UserSetting(strings(d.get("options")), strings(d.get("ini")),
                String.valueOf(d.get("section")), strings(d.get("keys")),
                Boolean.TRUE.equals(d.get("operand")), strings(d.get("login")))),
        Optional.ofNullable((String) m.get("needs-root")),
        Optional.ofNullable((String) m.get("development")),
        Optional.ofNullable((String) m.get("cli-tool")), runs,
        Optional.ofNullable((String) m.get("scan-dir")), loads,
        Optional.ofNullable((String) m.get("module-option")), strings(m.get("code-options")),
        String.valueOf(m.getOrDefault("source", "")).strip());
  }

  private static Program.Write write(Map<String, Object> w) {
    return new Program.Write(String.valueOf(w.get("path")), String.valueOf(w.get("what")),
        strings(w.get("option")), Boolean.TRUE.equals(w.get("only-with-option")),
        strings(w.get("unless")), strings(w.get("unless-env")), strings(w.get("stdio")),
        Boolean.TRUE.equals(w.get("file")), !Boolean.FALSE.equals(w.get("creates-parents")),
        Boolean.TRUE.equals(w.get("after-drop")),
        String.valueOf(w.getOrDefault("address-mark", "")),
        Optional.ofNullable((String) w.get("set-by")));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o == null ? Map.of() : (Map<String, Object>) o;
  }

  static List<Object> list(Object o) {
    return o == null ? List.of() : (List<Object>) o;
  }
}
