package dev.berth.wiring;

import dev.berth.dockerfile.Command;
import dev.berth.dockerfile.Instruction;
import dev.berth.image.Answer;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.ImageRef;
import dev.berth.image.StageSimulation;
import dev.berth.image.shell.SedScript;
import dev.berth.image.shell.ShellScript;
import dev.berth.image.shell.ShellWord;
import dev.berth.image.shell.SimpleCommand;
import dev.berth.programs.Invocation;
import dev.berth.programs.Program;
import dev.berth.project.Project;
import dev.berth.runtime.Container;
import dev.berth.runtime.ImageFiles;
import dev.berth.runtime.Proc;
import dev.berth.source.DataResources;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where php-fpm and Apache httpd listen in a container built on the official php or httpd
 * image, from their own configuration: what the image ships ({@code berth/wiring/php-images.yaml})
 * as the Dockerfile leaves it, and the files the project COPYs or a RUN writes whole in its place
 * ({@link ImageFiles}), as a RUN's {@code sed -i} edited them (a shipped file only when the
 * catalog holds its exact text, {@code as-shipped}). A file berth cannot read (edited otherwise,
 * copied from another stage, under a mount), a directory it cannot list, a variable, a
 * conditional section it cannot decide: unknown (empty), and the catalog's {@code config-files}
 * then leave the program unknown.
 */
final class ServerConfigs {
  private static final int MAX_INCLUDES = 16;
  /** php-fpm(8): test the configuration, print the info page, modules, version or help. */
  private static final Set<String> ONE_OFF = Set.of("-t", "--test", "-tt", "-i", "--info", "-m",
      "--modules", "-v", "--version", "-h", "--help");

  private ServerConfigs() {}

  /**
   * Whether {@code reader} knows the configuration {@code c}'s base image ships (the official
   * php fpm or apache variant, httpd): then {@link #of} is the whole answer, and unknown when it
   * is empty. On another image the program's catalog defaults apply as before.
   */
  static boolean knows(Container c, String reader) {
    Optional<ImageRef> ref = c.stage().base().map(b -> b.ref());
    if (ref.isEmpty()) return false;
    String repo = ref.get().repository();
    String tag = ref.get().tag().orElse("");
    return switch (reader) {
      case "php-fpm" -> Knowledge.STANDARD.fpm.images().contains(repo)
          && tag.contains(Knowledge.STANDARD.fpm.tagContains());
      case "apache" -> Knowledge.STANDARD.apache.stream()
          .anyMatch(a -> a.images().contains(repo) && tag.contains(a.tagContains()));
      default -> false;
    };
  }

  /** The listeners {@code p} (an invocation of a program with a {@code config-reader}) has. */
  static Optional<List<Listener>> of(Project project, Container c, Proc p, Invocation inv,
      String reader) {
    if (!knows(c, reader) || !p.fsKnown() || p.argv().stream().anyMatch(Proc::unknownWord)) {
      return Optional.empty();
    }
    Program.Listen l = inv.program().listens().orElseThrow();
    for (String u : l.unknownOptions()) if (inv.hasOption(u)) return Optional.empty();
    ImageRef ref = c.stage().base().orElseThrow().ref();
    Reader r = new Reader(project, c, p);
    try {
      return switch (reader) {
        case "php-fpm" -> r.phpFpm(ref, inv);
        case "apache" -> r.apache(ref);
        default -> Optional.empty();
      };
    } catch (ConfigUnknown e) {
      return Optional.empty();
    }
  }

  /** The files of one container as its server reads them. */
  private static final class Reader {
    private final Project project;
    private final Container c;
    private final Proc p;
    private final StageFiles stage;

    Reader(Project project, Container c, Proc p) {
      this.project = project;
      this.c = c;
      this.p = p;
      this.stage = new StageFiles(project, c);
    }

    // ---- php-fpm ----------------------------------------------------------------------------

    Optional<List<Listener>> phpFpm(ImageRef ref, Invocation inv) throws ConfigUnknown {
      Knowledge.Fpm fpm = Knowledge.STANDARD.fpm;
      String main = fpm.main();
      List<String> argv = inv.argv();
      for (int i = 1; i < argv.size(); i++) {
        String a = argv.get(i);
        // -p/--prefix moves every relative path and the default configuration file.
        if (a.startsWith("-p") || a.startsWith("--prefix")) throw new ConfigUnknown();
        // Options after which php-fpm prints something and exits instead of serving.
        if (ONE_OFF.contains(a)) throw new ConfigUnknown();
        if ((a.equals("-y") || a.equals("--fpm-config")) && i + 1 < argv.size()) {
          main = argv.get(++i);
        } else if (a.startsWith("--fpm-config=")) {
          main = a.substring("--fpm-config=".length());
        } else if (a.startsWith("-y") && a.length() > 2) {
          main = a.substring(2);
        } else if (a.equals("-y") || a.equals("--fpm-config")) {
          throw new ConfigUnknown();
        }
      }
      if (!main.startsWith("/")) {
        String wd = c.workdirOf(p).orElseThrow(ConfigUnknown::new);
        main = ImageFilesystem.resolve(wd, main);
      }
      List<Knowledge.Layout> layouts = fpm.layouts().stream()
          .filter(x -> x.versions().mayBe(ref.tag().orElse(""))).toList();
      if (layouts.isEmpty()) return Optional.empty();
      // An image pulled under either layout: berth answers only when they agree.
      List<PhpFpmConfig.PoolListen> agreed = null;
      for (Knowledge.Layout layout : layouts) {
        Map<String, String> shipped = layout.files();
        Optional<List<PhpFpmConfig.PoolListen>> pools = PhpFpmConfig.read(
            ImageFilesystem.normalize(main), fpm.prefix(), new PhpFpmConfig.Files() {
              @Override
              public PhpFpmConfig.FileText read(String path) throws ConfigUnknown {
                return text(path, shipped);
              }

              @Override
              public List<String> list(String dir) throws ConfigUnknown {
                return Reader.this.list(dir, shipped);
              }
            });
        if (pools.isEmpty()) return Optional.empty();
        List<PhpFpmConfig.PoolListen> found = pools.get();
        if (agreed != null && !sameBinds(agreed, found)) return Optional.empty();
        if (agreed == null) agreed = found;
      }
      List<Listener> out = new ArrayList<>();
      for (PhpFpmConfig.PoolListen pl : agreed) {
        out.add(new Listener(p, pl.bind(), pl.at(),
            p.display() + " (pool " + pl.pool() + ": listen = " + pl.value() + ")"));
      }
      return Optional.of(out);
    }

    private static boolean sameBinds(List<PhpFpmConfig.PoolListen> a,
        List<PhpFpmConfig.PoolListen> b) {
      return a.stream().map(x -> x.pool().toLowerCase(java.util.Locale.ROOT) + " " + x.bind()).toList()
          .equals(b.stream().map(x -> x.pool().toLowerCase(java.util.Locale.ROOT) + " " + x.bind()).toList());
    }

    // ---- Apache -----------------------------------------------------------------------------

    Optional<List<Listener>> apache(ImageRef ref) throws ConfigUnknown {
      Optional<Knowledge.Apache> found = Knowledge.STANDARD.apache.stream()
          .filter(a -> a.images().contains(ref.repository())
              && ref.tag().orElse("").contains(a.tagContains()))
          .findFirst();
      if (found.isEmpty()) return Optional.empty();
      Knowledge.Apache a = found.get();
      // apache2-foreground reads APACHE_CONFDIR (the image sets /etc/apache2).
      if (a.serverRoot().isEmpty()) {
        var env = c.envOf(p);
        if (env.isUnknown("APACHE_CONFDIR")) throw new ConfigUnknown();
        Optional<String> dir = env.value("APACHE_CONFDIR");
        if (dir.isPresent() && !ImageFilesystem.normalize(dir.get()).equals(a.configDir())) {
          throw new ConfigUnknown();
        }
      }
      // A mount anywhere in the configuration directory brings files berth does not read.
      if (a.serverRoot().isEmpty() && mountTouches(a.configDir())) throw new ConfigUnknown();
      Set<String> enabled = a.serverRoot().isEmpty() ? debianModules(a) : Set.of();
      if (a.serverRoot().isEmpty()) projectFilesInert(a);
      List<Listener> out = new ArrayList<>();
      String[] root = {a.serverRoot().orElse("/")};
      apacheFile(a.portsFile(), a, enabled, root, out, 0);
      return Optional.of(out);
    }

    /**
     * The Listen directives of one file (and, in the httpd layout, of the files it includes);
     * in the Debian layout the ports file holds all of them.
     */
    private void apacheFile(String path, Knowledge.Apache a, Set<String> enabled, String[] root,
        List<Listener> out, int depth) throws ConfigUnknown {
      if (depth > MAX_INCLUDES) throw new ConfigUnknown();
      PhpFpmConfig.FileText f = text(path, a.files(), a.asShipped());
      List<ApacheConfig.Directive> ds = ApacheConfig.parse(f.text()).orElseThrow(ConfigUnknown::new);
      for (ApacheConfig.Directive d : ds) {
        if (!active(d.within(), a, enabled)) continue;
        switch (d.name()) {
          case "listen" -> {
            Bind b = ApacheConfig.listen(d.args()).orElseThrow(ConfigUnknown::new);
            out.add(new Listener(p, b, f.at().apply(d.start()),
                p.display() + " (Listen " + String.join(" ", d.args()) + ")"));
          }
          case "serverroot" -> {
            if (a.serverRoot().isEmpty() || d.args().size() != 1 || d.args().get(0).contains("$")) {
              throw new ConfigUnknown();
            }
            root[0] = ImageFilesystem.normalize(d.args().get(0));
          }
          case "include", "includeoptional" -> {
            // Debian's ports.conf includes nothing; elsewhere, a literal file under ServerRoot.
            if (a.serverRoot().isEmpty() || d.args().size() != 1) throw new ConfigUnknown();
            String inc = d.args().get(0);
            if (inc.contains("$") || inc.matches(".*[*?\\[].*")) throw new ConfigUnknown();
            String abs = ImageFilesystem.normalize(inc.startsWith("/") ? inc : root[0] + "/" + inc);
            apacheFile(abs, a, enabled, root, out, depth + 1);
          }
          default -> {
            // Define: a variable only matters where a value uses it, which is unknown there.
          }
        }
      }
    }

    /**
     * The sections around a directive are all {@code <IfModule>} tests berth can decide from
     * the modules the Dockerfile enables; anything else ({@code <IfDefine>}, a
     * {@code <VirtualHost>}) is unknown.
     */
    private static boolean active(List<ApacheConfig.Section> within, Knowledge.Apache a,
        Set<String> enabled) throws ConfigUnknown {
      for (ApacheConfig.Section s : within) {
        if (!s.name().equalsIgnoreCase("IfModule")) throw new ConfigUnknown();
        boolean not = s.arg().startsWith("!");
        String name = not ? s.arg().substring(1) : s.arg();
        String module = null;
        for (Map.Entry<String, List<String>> m : a.modules().entrySet()) {
          if (m.getValue().contains(name)) module = m.getKey();
        }
        if (module == null) throw new ConfigUnknown();
        if (enabled.contains(module) == not) return false;
      }
      return true;
    }

    /**
     * The modules of {@code a.modules()} the Dockerfile's RUNs enable with {@code a2enmod}; the
     * same RUNs may only enable and disable sites, confs and other modules, and write whole
     * files. Anything else they do to the configuration directory is unknown.
     */
    private Set<String> debianModules(Knowledge.Apache a) throws ConfigUnknown {
      Set<String> enabled = new HashSet<>();
      Set<String> disabled = new HashSet<>();
      Pattern mentions = Pattern.compile(Pattern.quote(a.configDir())
          + "|APACHE_CONFDIR|ports\\.conf|apache2\\.conf|\\ba2(en|dis)(mod|site|conf)\\b");
      for (StageSimulation s = c.stage(); s != null; s = s.parent().orElse(null)) {
        for (Instruction i : s.stage().instructions()) {
          if (!(i instanceof Instruction.Run r)) continue;
          String text = r.fullText();
          if (!mentions.matcher(text).find()) continue;
          if (!r.heredocs().isEmpty() || !(r.command() instanceof Command.ShellForm sf)) {
            throw new ConfigUnknown();
          }
          ShellScript script = ShellScript.parse(sf.script());
          if (!script.complete()) throw new ConfigUnknown();
          for (SimpleCommand cmd : script.commands()) {
            String name = cmd.name().orElse("");
            boolean named = cmd.words().stream().anyMatch(w -> mentions.matcher(w.raw()).find())
                || cmd.redirects().stream().anyMatch(rd -> mentions.matcher(rd.target().raw()).find());
            if (!named) continue;
            switch (name) {
              case "a2enmod", "a2dismod" -> {
                for (ShellWord w : cmd.args()) {
                  String v = w.value().orElseThrow(ConfigUnknown::new);
                  if (v.startsWith("-")) continue;
                  String m = v.endsWith(".load") ? v.substring(0, v.length() - 5) : v;
                  if (a.modules().containsKey(m)) (name.equals("a2enmod") ? enabled : disabled).add(m);
                }
              }
              // They link a shipped file (no Listen) or a project file projectFilesInert reads.
              // (ln is not: a link into mods-enabled loads a module berth would not see.)
              case "a2ensite", "a2dissite", "a2enconf", "a2disconf", "chmod", "chown", "mkdir",
                  "ls", "true" -> { }
              case "sed" -> sedInert(cmd, a, s, r);
              case "echo", "printf", "cat" -> {
                // A file written whole: read back through ImageFiles like a copied one.
                for (SimpleCommand.Redirect rd : cmd.redirects()) {
                  boolean append = rd.operator().equals(">>");
                  if (!append && !rd.operator().equals(">")) continue;
                  String t = rd.target().value().orElseThrow(ConfigUnknown::new);
                  if (!t.startsWith("/")) throw new ConfigUnknown();
                  String path = ImageFilesystem.normalize(t);
                  if (path.equals(a.portsFile())) continue; // text() reads it, or cannot
                  if (!append) {
                    inert(path, a);
                    continue;
                  }
                  // `echo 'ServerName localhost' >> apache2.conf` adds no listener.
                  if (name.equals("cat")) throw new ConfigUnknown();
                  for (ShellWord w : cmd.args()) {
                    String v = w.value().orElseThrow(ConfigUnknown::new);
                    if (v.toLowerCase(java.util.Locale.ROOT).matches("(?s).*(listen|include|define).*")) {
                      throw new ConfigUnknown();
                    }
                  }
                }
              }
              default -> throw new ConfigUnknown();
            }
          }
        }
      }
      for (String m : enabled) if (disabled.contains(m)) throw new ConfigUnknown();
      return enabled;
    }

    /**
     * A {@code sed -i} of the configuration directory: on the ports file, {@link #text} reads
     * its edits (or cannot); on another file (one berth does not read: Debian's site and
     * conf files) only when its script can neither write nor uncomment a Listen, Include or
     * Define, nor touch the Include of the ports file. A file berth cannot name (a variable, a
     * glob) must lie in a subdirectory, where the ports file is not.
     */
    private static void sedInert(SimpleCommand cmd, Knowledge.Apache a, StageSimulation s,
        Instruction.Run r) throws ConfigUnknown {
      // Whether it runs (inside an if) does not matter: an inert edit or none leave the same.
      if (cmd.background() || !cmd.redirects().isEmpty()) throw new ConfigUnknown();
      StageSimulation.Step before = s.before(r).orElseThrow(ConfigUnknown::new);
      SedScript.Invocation inv = SedScript.invocation(cmd, before.variables())
          .orElseThrow(ConfigUnknown::new);
      if (!inv.inPlace()) throw new ConfigUnknown();
      String portsDir = ImageFilesystem.parent(a.portsFile());
      for (ShellWord w : inv.files()) {
        Optional<String> v = w.expand(before.variables());
        if (v.isPresent()) {
          String path = v.get();
          if (!path.startsWith("/")) {
            path = ImageFilesystem.resolve(before.workdir().orElseThrow(ConfigUnknown::new), path);
          }
          if (ImageFilesystem.normalize(path).equals(a.portsFile())) continue;
        } else {
          StringBuilder prefix = new StringBuilder();
          for (ShellWord.Part part : w.parts()) {
            if (!(part instanceof ShellWord.Literal l)) break;
            prefix.append(l.text());
          }
          String dir = prefix.substring(0, Math.max(0, prefix.lastIndexOf("/")));
          if (!dir.startsWith(portsDir + "/")) throw new ConfigUnknown();
        }
        if (!inert(inv.script())) throw new ConfigUnknown();
      }
    }

    /** Apache directives whose lines a sed on a file berth does not read must leave alone. */
    private static final List<String> LISTENING = List.of("listen", "include", "define");

    /**
     * The script's patterns and replacements name no Listen, Include, Define or ports file and
     * hold no {@code #} or {@code ^} (uncommenting), and it turns no commented directive into
     * one.
     */
    static boolean inert(SedScript script) {
      String all = script.allText();
      for (String word : LISTENING) if (all.contains(word)) return false;
      if (all.contains("ports") || all.contains("#") || all.contains("^")) return false;
      for (String word : LISTENING) {
        for (String probe : List.of("#" + word + " 80", "# " + word + " 80", "\t#" + word + " 80")) {
          String out = script.apply(probe + "\n").map(SedScript.Result::text).orElse(word);
          for (String line : out.split("\n")) {
            if (line.strip().toLowerCase(java.util.Locale.ROOT).startsWith(word)) return false;
          }
        }
      }
      return true;
    }

    /**
     * Every file the Dockerfile COPYs into the configuration directory, other than the ports
     * file, holds no Listen or Include: wherever it is enabled, the ports file says all.
     */
    private void projectFilesInert(Knowledge.Apache a) throws ConfigUnknown {
      String dir = a.configDir();
      for (StageSimulation s = c.stage(); s != null; s = s.parent().orElse(null)) {
        for (Instruction i : s.stage().instructions()) {
          if (!(i instanceof Instruction.FileTransfer t)) continue;
          String d = StageFiles.destination(s, t).orElseThrow(ConfigUnknown::new);
          if (d.equals(dir) || dir.startsWith(d.equals("/") ? "/" : d + "/")) throw new ConfigUnknown();
          if (!d.startsWith(dir + "/")) continue;
          if (!StageFiles.intoDirectory(t)) {
            if (!d.equals(a.portsFile())) inert(d, a);
            continue;
          }
          for (String f : stage.copiedInto(d)) if (!f.equals(a.portsFile())) inert(f, a);
        }
      }
    }

    /** A project file of the configuration directory: readable, with no Listen or Include. */
    private void inert(String path, Knowledge.Apache a) throws ConfigUnknown {
      // The main file decides what is included (Debian's apache2.conf includes ports.conf).
      if (a.files().containsKey(path) || path.equals(a.configDir() + "/apache2.conf")) {
        throw new ConfigUnknown();
      }
      if (mountTouches(path)) throw new ConfigUnknown();
      String text = ImageFiles.read(project, c, path).map(ImageFiles.Content::text)
          .orElseThrow(ConfigUnknown::new);
      List<ApacheConfig.Directive> ds = ApacheConfig.parse(text).orElseThrow(ConfigUnknown::new);
      for (ApacheConfig.Directive d : ds) {
        if (!d.name().equals("define") && !d.name().equals("serverroot")) throw new ConfigUnknown();
      }
    }

    // ---- files --------------------------------------------------------------------------------

    /**
     * The text of {@code path} as the server reads it: the project's (COPY, a RUN writing it
     * whole), else what the image ships when the Dockerfile left it alone.
     */
    private PhpFpmConfig.FileText text(String path, Map<String, String> shipped)
        throws ConfigUnknown {
      return text(path, shipped, Map.of());
    }

    /**
     * @param asShipped the files exactly as the image ships them, which a RUN's sed edits
     */
    private PhpFpmConfig.FileText text(String path, Map<String, String> shipped,
        Map<String, String> asShipped) throws ConfigUnknown {
      String abs = ImageFilesystem.normalize(path);
      if (mountTouches(abs) || c.editedAtStart().contains(abs)) throw new ConfigUnknown();
      Optional<ImageFiles.Content> content = ImageFiles.read(project, c, abs);
      if (content.isPresent()) return fileText(abs, content.get());
      String base = shipped.get(abs);
      if (base == null || c.view().filesystem().lookup(abs).exists() == Answer.NO) {
        throw new ConfigUnknown();
      }
      Range origin = Listeners.origin(p);
      if (stage.leftAsShipped(abs)) return new PhpFpmConfig.FileText(abs, base, offset -> origin);
      // A RUN names it: the shipped file as a RUN's sed -i edited it, when berth knows it whole.
      ImageFiles.Content untouched = new ImageFiles.Content(base, Optional.empty(), origin);
      return fileText(abs, ImageFiles.read(project, c, abs, new ImageFiles.Base(untouched,
          Optional.ofNullable(asShipped.get(abs)))).orElseThrow(ConfigUnknown::new));
    }

    /** A content's text, each offset placed on its line in the project (or at what placed it). */
    private static PhpFpmConfig.FileText fileText(String abs, ImageFiles.Content ct) {
      String t = ct.text();
      return new PhpFpmConfig.FileText(abs, t, offset -> {
        int start = Math.min(offset, t.length());
        int end = t.indexOf('\n', start);
        return ct.range(start, end < 0 ? t.length() : end);
      });
    }

    /**
     * The files directly in {@code dir}: those the image ships there (unless a RUN removed
     * them), those the Dockerfile copies there and those a RUN writes whole. Unknown for a
     * directory the image does not ship (a package may have put files there), under a mount, or
     * one a RUN changes otherwise.
     */
    private List<String> list(String dir, Map<String, String> shipped) throws ConfigUnknown {
      if (mountTouches(dir)) throw new ConfigUnknown();
      Set<String> out = new java.util.TreeSet<>();
      boolean known = false;
      for (String k : shipped.keySet()) {
        if (!ImageFilesystem.parent(k).equals(dir)) continue;
        known = true;
        if (c.view().filesystem().lookup(k).exists() != Answer.NO) out.add(k);
      }
      if (!known) throw new ConfigUnknown();
      StageFiles.RunChanges runs = stage.runChanges(dir);
      List<String> copied = stage.copiedInto(dir);
      // Which came last, a copy or the rm of the same name, is not followed here.
      for (String f : copied) if (runs.removed().contains(f)) throw new ConfigUnknown();
      out.removeAll(runs.removed());
      out.addAll(copied);
      out.addAll(runs.written());
      return new ArrayList<>(out);
    }

    /**
     * A mount (volume, bind, tmpfs) or a Compose {@code configs:}/{@code secrets:} file covers
     * {@code path} or puts something inside it.
     */
    private boolean mountTouches(String path) {
      for (String t : mountTargets()) {
        if (t.equals(path) || t.startsWith(path + "/")
            || path.startsWith(t.equals("/") ? "/" : t + "/")) {
          return true;
        }
      }
      return false;
    }

    private List<String> mountTargets() {
      List<String> out = new ArrayList<>();
      for (dev.berth.image.ContainerView.Mount m : c.view().mounts()) {
        out.add(ImageFilesystem.normalize(m.target()));
      }
      c.service().ifPresent(s -> {
        // compose-spec: a config without a target is mounted at /<name>, a secret at
        // /run/secrets/<name>.
        for (dev.berth.compose.FileReference f : s.configs()) {
          out.add(ImageFilesystem.normalize(f.target().map(dev.berth.compose.Located::value)
              .orElse("/" + f.source().value())));
        }
        for (dev.berth.compose.FileReference f : s.secrets()) {
          String t = f.target().map(dev.berth.compose.Located::value).orElse(f.source().value());
          out.add(ImageFilesystem.normalize(t.startsWith("/") ? t : "/run/secrets/" + t));
        }
      });
      return out;
    }
  }

  // ---- knowledge ----------------------------------------------------------------------------

  /** berth/wiring/php-images.yaml. */
  static final class Knowledge {
    static final Knowledge STANDARD = load();

    record Fpm(List<String> images, String tagContains, String main, String prefix,
        List<Layout> layouts) {}

    record Layout(String name, Versions versions, Map<String, String> files) {}

    /** {@code asShipped}: files exactly as the image ships them, which a RUN's sed edits. */
    record Apache(String name, List<String> images, String tagContains, String portsFile,
        String configDir, Optional<String> serverRoot, Map<String, String> files,
        Map<String, String> asShipped, Map<String, List<String>> modules) {}

    final Fpm fpm;
    final List<Apache> apache;

    private Knowledge(Fpm fpm, List<Apache> apache) {
      this.fpm = fpm;
      this.apache = apache;
    }

    @SuppressWarnings("unchecked")
    private static Knowledge load() {
      Map<String, Object> doc = (Map<String, Object>) DataResources.tree(ServerConfigs.class,
          "/berth/wiring/php-images.yaml");
      Map<String, Object> f = (Map<String, Object>) doc.get("php-fpm");
      List<Layout> layouts = new ArrayList<>();
      for (Object o : (List<Object>) f.get("layouts")) {
        Map<String, Object> m = (Map<String, Object>) o;
        layouts.add(new Layout(String.valueOf(m.get("name")), Versions.of(m.get("since"),
            m.get("last")), files(m)));
      }
      Fpm fpm = new Fpm(DataResources.strings(f.get("images")), String.valueOf(f.get("tag-contains")),
          String.valueOf(f.get("main")), String.valueOf(f.get("prefix")), List.copyOf(layouts));
      List<Apache> apache = new ArrayList<>();
      for (Object o : (List<Object>) doc.get("apache")) {
        Map<String, Object> m = (Map<String, Object>) o;
        Map<String, List<String>> modules = new LinkedHashMap<>();
        ((Map<String, Object>) m.getOrDefault("modules", Map.of()))
            .forEach((k, v) -> modules.put(k, DataResources.strings(v)));
        apache.add(new Apache(String.valueOf(m.get("name")), DataResources.strings(m.get("images")),
            String.valueOf(m.getOrDefault("tag-contains", "")), String.valueOf(m.get("ports-file")),
            String.valueOf(m.get("config-dir")), Optional.ofNullable((String) m.get("server-root")),
            files(m), m.containsKey("as-shipped") ? files(m, "as-shipped") : Map.of(),
            Map.copyOf(modules)));
      }
      return new Knowledge(fpm, List.copyOf(apache));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> files(Map<String, Object> m) {
      return files(m, "files");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> files(Map<String, Object> m, String key) {
      Map<String, String> files = new LinkedHashMap<>();
      ((Map<String, Object>) m.get(key)).forEach((k, v) -> files.put(k, String.valueOf(v)));
      return Map.copyOf(files);
    }
  }

  /**
   * The image versions that ship a layout: from {@code since} (a {@code major.minor} for every
   * later line, or per line the first {@code major.minor.patch}) up to, per line, the
   * {@code last} patch that has it (lines after the last one listed have it no more).
   */
  record Versions(List<int[]> since, List<int[]> last) {
    static Versions of(Object since, Object last) {
      List<String> s = since instanceof List<?> l ? l.stream().map(String::valueOf).toList()
          : since == null ? List.of() : List.of(String.valueOf(since));
      return new Versions(s.stream().map(Versions::parse).toList(),
          DataResources.strings(last).stream().map(Versions::parse).toList());
    }

    private static int[] parse(String v) {
      String[] parts = v.split("\\.");
      int[] out = new int[parts.length];
      for (int i = 0; i < parts.length; i++) out[i] = Integer.parseInt(parts[i]);
      return out;
    }

    /** Whether an image tagged {@code tag} ({@code 8.3.30-fpm}, {@code 8.3-fpm}, {@code fpm}) may ship it. */
    boolean mayBe(String tag) {
      java.util.regex.Matcher m = Pattern.compile("^(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?").matcher(tag);
      if (!m.find()) return mayBeMajor(7) || mayBeMajor(8) || mayBeMajor(9);
      int major = Integer.parseInt(m.group(1));
      if (m.group(2) == null) return mayBeMajor(major);
      int minor = Integer.parseInt(m.group(2));
      if (m.group(3) == null) return has(major, minor, 0) || has(major, minor, 999);
      return has(major, minor, Integer.parseInt(m.group(3)));
    }

    private boolean mayBeMajor(int major) {
      for (int minor = 0; minor < 100; minor++) {
        if (has(major, minor, 0) || has(major, minor, 999)) return true;
      }
      return false;
    }

    /** This exact version ships it. */
    boolean has(int major, int minor, int patch) {
      int[] v = {major, minor, patch};
      boolean from = false;
      for (int[] s : since) {
        if (s.length == 3 && s[0] == major && s[1] == minor) {
          from = compare(v, s) >= 0;
          break;
        }
        if (s.length == 2 && compare(v, new int[] {s[0], s[1], 0}) >= 0) from = true;
      }
      if (!from) return false;
      int[] top = null;
      for (int[] l : last) {
        if (l[0] == major && l[1] == minor) return compare(v, l) <= 0;
        if (top == null || compare(l, top) > 0) top = l;
      }
      return top == null || major < top[0] || major == top[0] && minor < top[1];
    }

    private static int compare(int[] a, int[] b) {
      for (int i = 0; i < 3; i++) {
        int x = i < a.length ? a[i] : 0;
        int y = i < b.length ? b[i] : 0;
        if (x != y) return Integer.compare(x, y);
      }
      return 0;
    }
  }
}
