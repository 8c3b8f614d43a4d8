package dev.berth.wiring;

import dev.berth.context.BuildContext;
import dev.berth.context.BuildContexts;
import dev.berth.context.ContextFiles;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.Word;
import dev.berth.image.ContainerView;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.StageSimulation;
import dev.berth.project.AppSources;
import dev.berth.project.Project;
import dev.berth.runtime.Container;
import dev.berth.runtime.Environment;
import dev.berth.runtime.Proc;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where a {@code java -jar APP.jar} process listens when the jar is a Spring Boot web application
 * built in the project: the jar is COPY'd from the build context, or from a stage that COPYs a
 * {@code pom.xml} / {@code build.gradle(.kts)} from it, and that build file uses Spring Boot
 * ({@code spring-boot-maven-plugin} or {@code org.springframework.boot}) with a web starter.
 *
 * <p>{@code server.port} follows docs.spring.io spring-boot reference "Externalized
 * Configuration" (property source order): {@code --server.port=} arguments, then
 * {@code -Dserver.port=} system properties, then the {@code SERVER_PORT} environment variable,
 * then {@code application-{profile}.properties|yml} of the active profiles, then
 * {@code application.properties|yml} (read from {@code src/main/resources} beside the build
 * file); the default is 8080 ("Embedded Web Servers": "By default, the embedded server listens
 * for HTTP requests on port 8080"). {@code ${NAME:default}} placeholders resolve from the
 * environment. Anything else that may set it (config files outside the jar, SPRING_CONFIG_*,
 * SPRING_APPLICATION_JSON, JAVA_TOOL_OPTIONS, profile includes or groups, profile expressions, a
 * separate management port) makes the answer unknown. YAML documents apply in order, those with
 * {@code spring.config.activate.on-profile} (or the older {@code spring.profiles}) only for an
 * active profile ({@code default} when none is).
 */
final class SpringBootApp {
  private static final String[] BUILD_FILES = {"pom.xml", "build.gradle", "build.gradle.kts"};
  private static final List<String> UNKNOWN_ENV = List.of("SPRING_APPLICATION_JSON",
      "SPRING_CONFIG_LOCATION", "SPRING_CONFIG_ADDITIONAL_LOCATION", "SPRING_CONFIG_NAME",
      "SPRING_CONFIG_IMPORT", "SPRING_PROFILES_INCLUDE", "SERVER_ADDRESS",
      "MANAGEMENT_SERVER_PORT", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

  private SpringBootApp() {}

  /** The binds of a {@code java} process; empty when unknown. */
  static Optional<List<Bind>> of(Project project, Container c, Proc p) {
    List<String> argv = p.argv();
    if (argv.isEmpty() || !p.name().equals("java") || !p.fsKnown()
        || argv.stream().anyMatch(Proc::unknownWord)) {
      return Optional.empty();
    }
    Map<String, String> system = new HashMap<>();
    Map<String, String> args = new HashMap<>();
    String jar = null;
    int i = 1;
    for (; i < argv.size(); i++) {
      String a = argv.get(i);
      if (a.equals("-jar") && i + 1 < argv.size()) {
        jar = argv.get(++i);
        break;
      }
      if (!a.startsWith("-") || a.startsWith("@") || a.equals("-cp") || a.equals("-classpath")
          || a.equals("--class-path") || a.equals("-m") || a.equals("--module")) {
        return Optional.empty();
      }
      // Agents and remote debugging or JMX open listeners of their own (jdwp address=5005).
      if (a.startsWith("-agentlib") || a.startsWith("-agentpath") || a.startsWith("-javaagent")
          || a.startsWith("-Xrunjdwp") || a.startsWith("-Dcom.sun.management.jmxremote")) {
        return Optional.empty();
      }
      if (a.startsWith("-D")) put(system, a.substring(2));
    }
    if (jar == null) return Optional.empty();
    for (i++; i < argv.size(); i++) {
      if (argv.get(i).startsWith("--")) put(args, argv.get(i).substring(2));
    }
    Environment env = c.envOf(p);
    for (String v : UNKNOWN_ENV) if (env.isSet(v)) return Optional.empty();
    for (Map<String, String> m : List.of(system, args)) {
      for (String k : m.keySet()) {
        if (k.startsWith("spring.config.") || k.equals("spring.application.json")
            || k.equals("spring.profiles.include") || k.startsWith("management.server.")
            || k.equals("server.address")) {
          return Optional.empty();
        }
      }
    }
    Optional<String> wd = c.workdirOf(p);
    if (wd.isEmpty()) return Optional.empty();
    String abs = ImageFilesystem.resolve(wd.get(), jar);
    if (outsideConfig(c, wd.get(), abs)) return Optional.empty();
    Optional<String> build = buildFile(project, c, abs);
    if (build.isEmpty()) return Optional.empty();
    Optional<SourceFile> buildText = AppSources.of(project).read(build.get());
    if (buildText.isEmpty()) return Optional.empty();
    String b = buildText.get().text();
    boolean boot = b.contains("spring-boot-maven-plugin") || b.contains("org.springframework.boot");
    if (!boot || !b.contains("spring-boot-starter-web")) return Optional.empty();
    String dir = build.get().contains("/") ? build.get().substring(0, build.get().lastIndexOf('/') + 1) : "";
    String resources = dir + "src/main/resources/";

    Optional<List<Map<String, String>>> base = config(project, resources + "application");
    if (base.isEmpty()) return Optional.empty();
    Optional<String> profiles = Optional.ofNullable(args.get("spring.profiles.active"))
        .or(() -> Optional.ofNullable(system.get("spring.profiles.active")));
    if (profiles.isEmpty()) {
      if (env.isUnknown("SPRING_PROFILES_ACTIVE")) return Optional.empty();
      profiles = env.value("SPRING_PROFILES_ACTIVE");
    }
    if (profiles.isEmpty()) {
      for (Map<String, String> doc : base.get()) {
        if (condition(doc).isEmpty() && doc.containsKey("spring.profiles.active")) {
          profiles = Optional.of(doc.get("spring.profiles.active"));
        }
      }
    }
    List<String> active = new ArrayList<>();
    for (String profile : profiles.map(x -> x.split(",")).orElse(new String[0])) {
      String name = profile.strip();
      if (name.isEmpty()) continue;
      if (!name.matches("[A-Za-z0-9_-]+")) return Optional.empty();
      active.add(name);
    }
    // With no active profile, `default` is (docs: "Profiles").
    List<String> on = active.isEmpty() ? List.of("default") : active;
    List<Map<String, String>> layers = new ArrayList<>();
    for (Map<String, String> doc : base.get()) {
      Optional<List<String>> when = condition(doc);
      if (when.isEmpty()) {
        layers.add(doc);
      } else if (when.get().isEmpty()) {
        return Optional.empty(); // a profile expression berth does not evaluate
      } else if (when.get().stream().anyMatch(on::contains)) {
        layers.add(doc);
      }
    }
    for (String name : active) {
      Optional<List<Map<String, String>>> layer = config(project, resources + "application-" + name);
      if (layer.isEmpty() || layer.get().size() > 1) return Optional.empty();
      layers.addAll(layer.get());
    }
    String port = "8080";
    for (Map<String, String> layer : layers) {
      for (String k : layer.keySet()) {
        if (k.startsWith("management.server.") || k.equals("server.address")
            || k.startsWith("spring.profiles.include") || k.startsWith("spring.profiles.group")
            || k.startsWith("spring.config.") && !k.startsWith("spring.config.activate.")) {
          return Optional.empty();
        }
      }
      if (layer.containsKey("server.port")) port = layer.get("server.port");
      if (layer.containsKey("spring.main.web-application-type")) return Optional.empty();
    }
    if (env.isUnknown("SERVER_PORT")) return Optional.empty();
    port = env.value("SERVER_PORT").orElse(port);
    port = system.getOrDefault("server.port", port);
    port = args.getOrDefault("server.port", port);
    Optional<String> resolved = placeholders(port, env);
    if (resolved.isEmpty()) return Optional.empty();
    OptionalInt n = Bind.port(resolved.get().strip());
    if (n.isEmpty()) return Optional.empty();
    return Optional.of(List.of(new Bind.Tcp(Optional.empty(), n.getAsInt())));
  }

  private static void put(Map<String, String> m, String kv) {
    int eq = kv.indexOf('=');
    if (eq > 0) m.put(kv.substring(0, eq), kv.substring(eq + 1));
  }

  /** {@code ${NAME}} / {@code ${NAME:default}} from the environment; empty when unknown. */
  private static Optional<String> placeholders(String v, Environment env) {
    if (!v.contains("${")) return Optional.of(v);
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("^\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)(?::([^}]*))?}$").matcher(v.strip());
    if (!m.matches()) return Optional.empty();
    String name = m.group(1);
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*") || env.isUnknown(name)) return Optional.empty();
    return env.value(name).or(() -> Optional.ofNullable(m.group(2)));
  }

  /**
   * Config files Spring Boot reads from outside the jar (docs: "config" directories and
   * application.* in the current directory) may be in the working directory: a mount over it, a
   * COPY of such a name or of a whole directory into it.
   */
  private static boolean outsideConfig(Container c, String wd, String jar) {
    for (ContainerView.Mount m : c.view().mounts()) {
      String t = ImageFilesystem.normalize(m.target());
      if (t.equals(wd) || t.startsWith(wd.equals("/") ? "/" : wd + "/")) return true;
    }
    for (StageSimulation s = c.stage(); s != null; s = s.parent().orElse(null)) {
      for (Instruction i : s.stage().instructions()) {
        if (!(i instanceof Instruction.FileTransfer t)) continue;
        Optional<String> dest = destination(s, t);
        if (dest.isEmpty()) return true;
        String d = dest.get();
        if (t.sources().size() == 1 && placedAt(d, t).equals(jar)) continue;
        String name = d.substring(d.lastIndexOf('/') + 1);
        boolean inWd = ImageFilesystem.parent(d).equals(wd);
        if (inWd && (name.startsWith("application") || name.equals("config"))) return true;
        if (d.equals(wd)) {
          // Files land in it under their names; a directory's contents land in it.
          for (Word w : t.sources()) {
            String src = w.text();
            String name2 = src.substring(src.lastIndexOf('/') + 1);
            if (src.endsWith("/") || !name2.contains(".") || name2.startsWith("application")
                || src.contains("$") || src.matches(".*[*?\\[].*")) {
              return true;
            }
          }
          for (dev.berth.dockerfile.Heredoc h : t.heredocs()) {
            if (h.delimiter().startsWith("application")) return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * Where the single source of {@code t} lands: in the destination directory under its own name
   * when the destination is written as a directory ({@code dir/}, {@code .}), else at it.
   */
  private static String placedAt(String dest, Instruction.FileTransfer t) {
    String raw = t.destination().text();
    String src = t.sources().isEmpty() ? "" : t.sources().get(0).text();
    boolean dir = raw.endsWith("/") || raw.equals(".") || raw.equals("..") || raw.endsWith("/.");
    return dir ? ImageFilesystem.resolve(dest, src.substring(src.lastIndexOf('/') + 1)) : dest;
  }

  private static Optional<String> destination(StageSimulation s, Instruction.FileTransfer t) {
    String raw = t.destination().text();
    if (raw.contains("$")) return Optional.empty();
    if (raw.startsWith("/")) return Optional.of(ImageFilesystem.normalize(raw));
    return s.before(t).flatMap(StageSimulation.Step::workdir)
        .map(w -> ImageFilesystem.resolve(w, raw));
  }

  /**
   * The project path of the build file that made the jar at {@code jar}: the context's when the
   * jar is COPY'd from the context, the one a build stage COPYs when it comes from that stage.
   */
  private static Optional<String> buildFile(Project project, Container c, String jar) {
    Instruction.FileTransfer placed = null;
    for (StageSimulation s = c.stage(); s != null && placed == null; s = s.parent().orElse(null)) {
      List<Instruction> is = s.stage().instructions();
      for (int k = is.size() - 1; k >= 0 && placed == null; k--) {
        if (!(is.get(k) instanceof Instruction.FileTransfer t) || t.sources().size() != 1) continue;
        Optional<String> dest = destination(s, t);
        if (dest.isEmpty()) continue;
        if (placedAt(dest.get(), t).equals(jar)) placed = t;
      }
    }
    if (placed == null || c.contexts().size() != 1) return Optional.empty();
    BuildContext ctx = c.contexts().get(0);
    Optional<ContextFiles> files = BuildContexts.of(project).files(ctx);
    if (files.isEmpty() || !ctx.known()) return Optional.empty();
    if (placed.from().isEmpty()) {
      // target/app.jar or build/libs/app.jar beside the build file at the context's root.
      for (String f : BUILD_FILES) {
        if (files.get().entry(f).isPresent()) return Optional.of(files.get().rootPath(f));
      }
      return Optional.empty();
    }
    Optional<Stage> stage = c.dockerfile().namedStage(placed.from().get());
    if (stage.isEmpty()) return Optional.empty();
    String found = null;
    for (Instruction i : stage.get().instructions()) {
      if (!(i instanceof Instruction.FileTransfer t) || t.from().isPresent()) continue;
      for (Word w : t.sources()) {
        String src = w.text();
        String base = src.substring(src.lastIndexOf('/') + 1);
        if (!List.of(BUILD_FILES).contains(base) || src.contains("$")) continue;
        if (found != null) return Optional.empty(); // two projects: which made the jar?
        found = files.get().rootPath(ImageFilesystem.normalize("/" + src).substring(1));
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * The documents of {@code NAME.yml}/{@code .yaml}, then {@code NAME.properties} over them, as
   * flat keys; empty (unknown) for two YAML files, a multi-document properties file or a line
   * continuation. No file is no document.
   */
  private static Optional<List<Map<String, String>>> config(Project project, String name) {
    List<Map<String, String>> docs = new ArrayList<>();
    int yamls = 0;
    for (String ext : List.of(".yml", ".yaml")) {
      Optional<SourceFile> y = AppSources.of(project).read(name + ext);
      if (y.isEmpty()) continue;
      if (++yamls > 1) return Optional.empty();
      try {
        for (Object tree : new org.snakeyaml.engine.v2.api.Load(
            org.snakeyaml.engine.v2.api.LoadSettings.builder().build()).loadAllFromString(y.get().text())) {
          if (tree == null) continue;
          if (!(tree instanceof Map<?, ?> m)) return Optional.empty();
          Map<String, String> doc = new HashMap<>();
          flatten("", m, doc);
          docs.add(doc);
        }
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }
    // .properties wins over YAML in the same place (docs: "Externalized Configuration").
    Optional<SourceFile> props = AppSources.of(project).read(name + ".properties");
    if (props.isPresent()) {
      Map<String, String> out = new HashMap<>();
      for (String line : props.get().text().split("\n")) {
        String l = line.strip();
        if (l.equals("#---") || l.equals("!---")) return Optional.empty(); // documents
        if (l.isEmpty() || l.startsWith("#") || l.startsWith("!")) continue;
        if (l.endsWith("\\")) return Optional.empty();
        int sep = -1;
        for (int k = 0; k < l.length(); k++) {
          char ch = l.charAt(k);
          if (ch == '=' || ch == ':') {
            sep = k;
            break;
          }
        }
        if (sep < 0) continue;
        out.put(l.substring(0, sep).strip(), l.substring(sep + 1).strip());
      }
      docs.add(out);
    }
    return Optional.of(docs);
  }

  /**
   * The profiles a document applies to ({@code spring.config.activate.on-profile}, or the older
   * {@code spring.profiles}); empty for a document that always applies, an empty list for an
   * expression berth does not evaluate ({@code !}, {@code &}, {@code |}).
   */
  private static Optional<List<String>> condition(Map<String, String> doc) {
    String v = doc.getOrDefault("spring.config.activate.on-profile", doc.get("spring.profiles"));
    if (v == null) return Optional.empty();
    if (v.matches(".*[!&|()\\[\\]].*")) return Optional.of(List.of());
    return Optional.of(java.util.Arrays.stream(v.split(",")).map(String::strip)
        .filter(x -> !x.isEmpty()).toList());
  }

  private static void flatten(String prefix, Map<?, ?> m, Map<String, String> out) {
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String k = prefix + e.getKey();
      if (e.getValue() instanceof Map<?, ?> sub) {
        flatten(k + ".", sub, out);
      } else {
        out.put(k, String.valueOf(e.getValue()));
      }
    }
  }
}
