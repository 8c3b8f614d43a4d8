package dev.berth.runtime;

import dev.berth.context.BuildContext;
import dev.berth.context.BuildContexts;
import dev.berth.context.ContextFiles;
import dev.berth.context.View;
import dev.berth.dockerfile.Command;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Expander;
import dev.berth.dockerfile.Heredoc;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Vars;
import dev.berth.dockerfile.Word;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.StageSimulation;
import dev.berth.image.shell.SedScript;
import dev.berth.image.shell.ShellScript;
import dev.berth.image.shell.SimpleCommand;
import dev.berth.project.AppSources;
import dev.berth.project.FileTree;
import dev.berth.project.Project;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The text of a file inside an image, traced back to what put it there: a COPY/ADD of a build
 * context file (read from the project, as each known context of the build holds it) or a COPY
 * heredoc, then edited by the {@code sed -i} of later RUNs berth understands ({@link SedScript}).
 * Unknown (empty) when the file comes from another stage or image, a glob or variable source, an
 * unknown context, or when a later RUN may have changed it otherwise: a RUN whose script names
 * the file and does more than chmod/chown it or edit it with such a sed.
 */
public final class ImageFiles {
  /** Parent stages walked back at most (the simulation bounds FROM chains the same way). */
  private static final int MAX_STAGES = StageSimulation.MAX_CHAIN;
  private static final Set<String> METADATA_ONLY = Set.of("chmod", "chown", "chgrp", "true", "ls");

  private ImageFiles() {}

  /** sed edits of one file followed back at most (each reads the text before it). */
  private static final int MAX_EDITS = 16;

  /**
   * The file's content: its text (per build context, all equal) and where it is in the project.
   *
   * @param file the context file it was copied from, for positions; empty for a heredoc and for
   *     a text a RUN edited
   * @param placedBy the COPY/ADD that put it in the image (the RUN, for a text it wrote or
   *     edited)
   * @param edit for a text a RUN's sed edited: the text before and where each line came from
   */
  public record Content(String text, Optional<SourceFile> file, Range placedBy,
      Optional<Edit> edit) {
    public Content(String text, Optional<SourceFile> file, Range placedBy) {
      this(text, file, placedBy, Optional.empty());
    }

    /**
     * Where {@code text[start, end)} is written: in the project file, else the instruction that
     * placed it; a line a sed changed is at that RUN, an unchanged one where it was before.
     */
    public Range range(int start, int end) {
      if (edit.isEmpty()) {
        return file.map(f -> f.range(Math.min(start, f.text().length()),
            Math.min(end, f.text().length()))).orElse(placedBy);
      }
      Edit e = edit.get();
      int at = Math.max(0, Math.min(start, text.length()));
      int line = 0;
      int lineStart = 0;
      for (int k = 0; k < at; k++) {
        if (text.charAt(k) == '\n') {
          line++;
          lineStart = k + 1;
        }
      }
      if (line >= e.sourceLine().size() || e.changed().get(line)) return placedBy;
      String old = e.before().text();
      int from = 0;
      for (int n = 0, k = 0; n < e.sourceLine().get(line) && k < old.length(); k++) {
        if (old.charAt(k) == '\n') {
          n++;
          from = k + 1;
        }
      }
      int s = Math.min(old.length(), from + (at - lineStart));
      return e.before().range(s, Math.min(old.length(), s + Math.max(0, end - start)));
    }
  }

  /**
   * How a RUN's sed made a text from {@code before}: per line of the result, the line of
   * {@code before} it came from and whether a command changed it.
   */
  public record Edit(Content before, List<Integer> sourceLine, List<Boolean> changed) {}

  /**
   * What the base image holds at a path, for {@link #read(Project, Container, String, Base)}:
   * the text the server reads when the Dockerfile leaves the file alone, and, when berth knows
   * it, the file exactly as the image ships it, which a RUN's sed edits.
   */
  public record Base(Content untouched, Optional<String> asShipped) {}

  /** The text of {@code path} in {@code c}'s image, when berth can trace it to the project. */
  public static Optional<Content> read(Project project, Container c, String path) {
    return read(project, c.dockerfile(), c.stage(), c.contexts(), path);
  }

  /**
   * The text of {@code path} in {@code c}'s image, as {@link #read(Project, Container, String)},
   * where no instruction of the image's stages put the file there: {@code base}'s text, edited
   * by the RUNs' sed (unknown when berth does not know the file as shipped).
   */
  public static Optional<Content> read(Project project, Container c, String path, Base base) {
    String target = ImageFilesystem.normalize(path);
    return walk(project, c.dockerfile(), c.stage(), Integer.MAX_VALUE, c.contexts(), target,
        Optional.of(base), 0);
  }

  public static Optional<Content> read(Project project, Dockerfile df, StageSimulation sim,
      List<BuildContext> contexts, String path) {
    return walk(project, df, sim, Integer.MAX_VALUE, contexts, ImageFilesystem.normalize(path),
        Optional.empty(), 0);
  }

  /**
   * The text {@code target} has before instruction {@code until} of {@code sim} (all of them for
   * {@code MAX_VALUE}), walking back through the stage and its parents.
   */
  private static Optional<Content> walk(Project project, Dockerfile df, StageSimulation sim,
      int until, List<BuildContext> contexts, String target, Optional<Base> base, int edits) {
    String name = target.substring(target.lastIndexOf('/') + 1);
    int hops = 0;
    int end = until;
    for (StageSimulation s = sim; s != null && hops < MAX_STAGES; s = s.parent().orElse(null), hops++) {
      List<Instruction> all = s.stage().instructions();
      for (int k = Math.min(end, all.size()) - 1; k >= 0; k--) {
        Instruction i = all.get(k);
        if (i instanceof Instruction.Run r && changes(r, target, name)) {
          Optional<StageSimulation.Step> before = s.before(r);
          if (before.isEmpty()) return Optional.empty();
          // TriliumNext's `mv build/* start-docker.sh /usr/src/app/`: the file is the one moved
          // or copied there, followed back from this RUN
          // the RUN's script, parsed once for both readings below; empty when berth cannot
          // read it whole (heredocs, exec form, a parse it could not finish)
          Optional<ShellScript> script = plainScript(r);
          Optional<String> moved = script.flatMap(sc -> movedFrom(sc, target, name,
              before.get().workdir(), before.get().variables()));
          if (moved.isPresent()) {
            if (edits >= MAX_EDITS) return Optional.empty();
            return walk(project, df, s, k, contexts, moved.get(), base, edits + 1);
          }
          Optional<List<SedScript>> seds = script.flatMap(sc -> sedEdits(sc, target,
              before.get().workdir(), before.get().variables()));
          if (seds.isPresent() && seds.get().isEmpty()) continue; // it edits other files
          if (seds.isPresent()) {
            if (edits >= MAX_EDITS) return Optional.empty();
            Optional<Content> prior = walk(project, df, s, k, contexts, target, base, edits + 1);
            return prior.flatMap(p -> edited(p, base, seds.get(), r.range()));
          }
          // A RUN that writes the whole file with echo/printf/cat heredoc: its text.
          return RunWrites.content(r, target, before.get().workdir(), before.get().variables())
              .map(text -> new Content(text, Optional.empty(), r.range()));
        }
        if (!(i instanceof Instruction.FileTransfer t)) continue;
        Optional<String> dest = destination(df, s, t);
        if (dest.isEmpty()) {
          // A copy whose destination is unknown may have put the file there.
          return Optional.empty();
        }
        Optional<Optional<Content>> found = fromTransfer(project, df, t, dest.get(), target,
            contexts, edits);
        if (found.isPresent()) return found.get();
      }
      end = Integer.MAX_VALUE;
      if (s.parent().isEmpty()) return base.map(Base::untouched);
    }
    return Optional.empty();
  }

  /**
   * {@code prior} after a RUN's seds; the base image's file is edited as the image ships it,
   * and a sed that leaves that text as it was leaves the file untouched.
   */
  private static Optional<Content> edited(Content prior, Optional<Base> base, List<SedScript> seds,
      Range run) {
    Content from = prior;
    boolean shipped = base.isPresent() && prior == base.get().untouched();
    if (shipped) {
      if (base.get().asShipped().isEmpty()) return Optional.empty();
      from = new Content(base.get().asShipped().get(), Optional.empty(), prior.placedBy());
    }
    Content now = from;
    for (SedScript sed : seds) {
      Optional<SedScript.Result> r = sed.apply(now.text());
      if (r.isEmpty()) return Optional.empty();
      if (r.get().text().equals(now.text())) continue;
      now = new Content(r.get().text(), Optional.empty(), run,
          Optional.of(new Edit(now, r.get().sourceLine(), r.get().changed())));
    }
    return Optional.of(shipped && now == from ? prior : now);
  }

  /**
   * The scripts of a RUN's {@code sed -i} commands that edit {@code target}, in order: empty
   * inside when its commands naming the file only edit other files (or change metadata); empty
   * when it does anything else to a file of that name, or berth cannot tell which files a sed
   * edits or what.
   */
  private static Optional<List<SedScript>> sedEdits(ShellScript script, String target,
      Optional<String> workdir, dev.berth.image.shell.VariableLookup vars) {
    String name = target.substring(target.lastIndexOf('/') + 1);
    List<SedScript> out = new ArrayList<>();
    for (SimpleCommand c : script.commands()) {
      boolean mentions = c.words().stream().anyMatch(w -> w.raw().contains(name))
          || c.redirects().stream().anyMatch(rd -> rd.target().raw().contains(name));
      if (!mentions || METADATA_ONLY.contains(c.name().orElse("")) || lineEndingsOnly(c)) continue;
      if (!c.name().orElse("").equals("sed") || c.conditional() || c.background() || c.piped()
          || !c.redirects().isEmpty()) {
        return Optional.empty();
      }
      Optional<SedScript.Invocation> inv = SedScript.invocation(c, vars);
      if (inv.isEmpty() || !inv.get().inPlace()) return Optional.empty();
      // a glob or a variable: which files is unknown
      Optional<List<String>> files = inv.get().paths(vars, workdir);
      if (files.isEmpty()) return Optional.empty();
      for (String p : files.get()) if (p.equals(target)) out.add(inv.get().script());
    }
    return Optional.of(out);
  }

  /**
   * The names directly inside directory {@code path} of the image, when every instruction that
   * may put something there is known: COPY/ADD of build-context directories (listed from the
   * project) or of paths below it, on a base image from the catalog (an official image, which
   * berth takes to have no such directory of its own). Unknown (empty) when a RUN names the
   * directory, a copy comes from another stage or image or has a glob or variable source, a
   * context is unknown, or the clean clone and the developer's tree differ there.
   */
  public static Optional<List<String>> names(Project project, Dockerfile df, StageSimulation sim,
      List<BuildContext> contexts, String path) {
    String target = ImageFilesystem.normalize(path);
    Set<String> names = new TreeSet<>();
    StageSimulation s = sim;
    for (int hops = 0; hops < MAX_STAGES; hops++) {
      List<Instruction> all = s.stage().instructions();
      for (int k = all.size() - 1; k >= 0; k--) {
        Instruction i = all.get(k);
        if (i instanceof Instruction.Run r && r.fullText().contains(target)) return Optional.empty();
        if (!(i instanceof Instruction.FileTransfer t)) continue;
        Optional<String> dest = destination(df, s, t);
        if (dest.isEmpty() || !namesFrom(project, t, dest.get(), target, contexts, names)) {
          return Optional.empty();
        }
      }
      if (s.parent().isEmpty()) {
        return s.base().isPresent() ? Optional.of(List.copyOf(names)) : Optional.empty();
      }
      s = s.parent().get();
    }
    return Optional.empty();
  }

  /** Adds the names one COPY/ADD puts directly in {@code target}; false when it cannot tell. */
  private static boolean namesFrom(Project project, Instruction.FileTransfer t, String dest,
      String target, List<BuildContext> contexts, Set<String> names) {
    String d = dest.endsWith("/") && dest.length() > 1 ? dest.substring(0, dest.length() - 1) : dest;
    String prefix = target.equals("/") ? "/" : target + "/";
    if (d.startsWith(prefix)) {
      // Something is copied to a path below the directory: its first component is there.
      String rest = d.substring(prefix.length());
      names.add(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest);
      return true;
    }
    boolean covers = target.equals(d) || target.startsWith(d.equals("/") ? "/" : d + "/");
    if (!covers) return true;
    if (t.from().isPresent() || !t.heredocs().isEmpty()) return false;
    String rel = target.equals(d) ? "" : target.substring(d.equals("/") ? 1 : d.length() + 1);
    BuildContexts all = BuildContexts.of(project);
    Set<String> found = null;
    for (BuildContext ctx : contexts) {
      Optional<ContextFiles> files = all.files(ctx);
      if (files.isEmpty() || !ctx.known()) return false;
      Set<String> here = new TreeSet<>();
      for (Word w : t.sources()) {
        String src = w.text();
        if (src.contains("$") || src.matches(".*[*?\\[].*") || src.contains("://")) return false;
        String clean = ImageFilesystem.normalize("/" + src).substring(1);
        Optional<FileTree.Entry> e = clean.isEmpty() ? Optional.empty() : files.get().entry(clean);
        boolean dir = clean.isEmpty() || e.filter(x -> x.kind() == FileTree.Kind.DIRECTORY).isPresent();
        if (!dir) {
          // A file (or nothing) lands in the directory only as itself, when copied into it.
          if (e.isPresent() && rel.isEmpty()) return false;
          continue;
        }
        String sub = clean.isEmpty() ? rel : rel.isEmpty() ? clean : clean + "/" + rel;
        List<String> clone = files.get().filesUnder(sub, View.CLEAN_CLONE);
        if (!clone.equals(files.get().filesUnder(sub, View.DEVELOPER))) return false;
        String base = sub.isEmpty() ? "" : sub + "/";
        for (String f : clone) {
          if (!f.startsWith(base)) continue;
          String r = f.substring(base.length());
          here.add(r.contains("/") ? r.substring(0, r.indexOf('/')) : r);
        }
      }
      if (found != null && !found.equals(here)) return false;
      found = here;
    }
    if (found == null) return false;
    names.addAll(found);
    return true;
  }

  /** A RUN that may rewrite the file: its script mentions the name and is not only chmod/chown. */
  private static boolean changes(Instruction.Run r, String target, String name) {
    String text = r.commandText();
    if (!text.contains(name) && r.heredocs().stream().noneMatch(h -> h.body().contains(name))) {
      return false;
    }
    if (!r.heredocs().isEmpty() || !(r.command() instanceof Command.ShellForm)) return true;
    ShellScript script = ShellScript.parse(text);
    if (!script.complete()) return true;
    for (SimpleCommand c : script.commands()) {
      boolean mentions = c.words().stream().anyMatch(w -> w.raw().contains(name))
          || c.redirects().stream().anyMatch(rd -> rd.target().raw().contains(name));
      if (mentions && !METADATA_ONLY.contains(c.name().orElse("")) && !lineEndingsOnly(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where a RUN's {@code mv} or {@code cp} took {@code target} from, when that is the only
   * command of the RUN that does anything to a file of that name (besides metadata and line
   * endings): {@code mv SRC TARGET}, or {@code mv A B DIR/} with one source of that name. Empty
   * when an operand is unknown or a wildcard could be it, or the command has options that move
   * the destination ({@code -t}).
   */
  private static Optional<String> movedFrom(ShellScript script, String target, String name,
      Optional<String> workdir, dev.berth.image.shell.VariableLookup vars) {
    SimpleCommand move = null;
    for (SimpleCommand c : script.commands()) {
      // `cd docker && mv start.sh /usr/local/bin/`: operands are relative to a directory berth
      // does not follow here
      if (move == null && Set.of("cd", "pushd", "popd").contains(c.name().orElse(""))) {
        return Optional.empty();
      }
      boolean mentions = c.words().stream().anyMatch(w -> w.raw().contains(name))
          || c.redirects().stream().anyMatch(rd -> rd.target().raw().contains(name));
      if (!mentions || METADATA_ONLY.contains(c.name().orElse("")) || lineEndingsOnly(c)) continue;
      if (move != null) return Optional.empty();
      move = c;
    }
    if (move == null || !Set.of("mv", "cp").contains(move.name().orElse("")) || move.conditional()
        || move.background() || move.piped() || !move.redirects().isEmpty()) {
      return Optional.empty();
    }
    List<String> operands = new ArrayList<>();
    for (dev.berth.image.shell.ShellWord w : move.words().subList(1, move.words().size())) {
      Optional<String> v = w.expand(vars);
      // a wildcard source (build/*) expands to names berth does not list: kept as written
      if (v.isEmpty() && !w.raw().contains("$") && w.raw().matches(".*[*?\\[].*")) {
        v = Optional.of(w.raw());
      }
      if (v.isEmpty()) return Optional.empty();
      if (v.get().startsWith("-")) {
        if (v.get().startsWith("-t") || v.get().startsWith("--target")) return Optional.empty();
        continue;
      }
      if (!v.get().startsWith("/") && workdir.isEmpty()) return Optional.empty();
      operands.add(v.get());
    }
    if (operands.size() < 2) return Optional.empty();
    String dest = operands.get(operands.size() - 1);
    List<String> sources = operands.subList(0, operands.size() - 1);
    String cwd = workdir.orElse("/");
    String d = ImageFilesystem.normalize(ImageFilesystem.resolve(cwd, dest));
    if (d.equals(target) && sources.size() == 1 && !dest.endsWith("/")) {
      String src = sources.get(0);
      return src.matches(".*[*?\\[].*") ? Optional.empty()
          : Optional.of(ImageFilesystem.normalize(ImageFilesystem.resolve(cwd, src)));
    }
    if (!d.equals(ImageFilesystem.parent(target))) return Optional.empty();
    String found = null;
    for (String src : sources) {
      String clean = src.replaceAll("/+$", "");
      String base = clean.substring(clean.lastIndexOf('/') + 1);
      if (base.matches(".*[*?\\[].*")) continue; // build/*: names berth does not list
      if (!base.equals(name)) continue;
      if (found != null) return Optional.empty();
      found = ImageFilesystem.normalize(ImageFilesystem.resolve(cwd, clean));
    }
    return Optional.ofNullable(found);
  }

  /** The RUN's shell script, when it has no heredocs, is in shell form and parses whole. */
  private static Optional<ShellScript> plainScript(Instruction.Run r) {
    if (!r.heredocs().isEmpty() || !(r.command() instanceof Command.ShellForm sf)) {
      return Optional.empty();
    }
    ShellScript script = ShellScript.parse(sf.script());
    return script.complete() ? Optional.of(script) : Optional.empty();
  }

  /**
   * {@code dos2unix FILE} or {@code sed -i 's/\r//g' FILE}: only carriage returns go, so the
   * commands berth reads stay the same.
   */
  private static boolean lineEndingsOnly(SimpleCommand c) {
    String name = c.name().orElse("");
    if (name.equals("dos2unix")) return true;
    if (!name.equals("sed")) return false;
    List<String> words = c.words().stream().map(w -> w.raw()).toList();
    return words.size() == 4 && words.get(1).equals("-i")
        && words.get(2).matches("['\"]?s/\\\\r\\$?//g?['\"]?");
  }

  /** The absolute destination of a COPY/ADD, expanded as the simulation saw it. */
  private static Optional<String> destination(Dockerfile df, StageSimulation s,
      Instruction.FileTransfer t) {
    Optional<StageSimulation.Step> before = s.before(t);
    if (before.isEmpty()) return Optional.empty();
    Vars vars = Vars.of(before.get().env(), before.get().unknownVars()).openWorld(true);
    Optional<String> dest = new Expander(df.escape()).word(t.destination().text(), vars).knownValue();
    if (dest.isEmpty()) return Optional.empty();
    String d = dest.get();
    if (!d.startsWith("/") && before.get().workdir().isEmpty()) return Optional.empty();
    String abs = ImageFilesystem.resolve(before.get().workdir().orElse("/"), d);
    return Optional.of(d.endsWith("/") || d.equals(".") ? abs + "/" : abs);
  }

  /**
   * Empty when this transfer does not put anything at {@code target}; otherwise the content it
   * puts there (empty inside when unknown).
   */
  private static Optional<Optional<Content>> fromTransfer(Project project, Dockerfile df,
      Instruction.FileTransfer t, String dest, String target, List<BuildContext> contexts,
      int edits) {
    boolean intoDir = dest.endsWith("/") || t.sources().size() + t.heredocs().size() > 1;
    String d = dest.endsWith("/") && dest.length() > 1 ? dest.substring(0, dest.length() - 1) : dest;
    for (Heredoc h : t.heredocs()) {
      String at = intoDir ? ImageFilesystem.resolve(d, h.delimiter()) : d;
      if (at.equals(target)) {
        return Optional.of(Optional.of(new Content(h.body(), Optional.empty(), t.range())));
      }
    }
    if (!target.equals(d) && !target.startsWith(d.equals("/") ? "/" : d + "/")) {
      return Optional.empty();
    }
    Optional<StageSimulation> fromStage = Optional.empty();
    if (t.from().isPresent()) {
      // crowdsec: `COPY --from=build /go/src/crowdsec/build/docker/docker_start.sh /`, which the
      // build stage got with `COPY . .`: followed into that stage (its sources are paths from
      // the root of its filesystem, built with the same contexts); an image or a named context
      // is unknown
      fromStage = edits < MAX_EDITS
          ? dev.berth.image.ImageSimulation.of(project).stageNamed(df, t.from().get())
          : Optional.empty();
      if (fromStage.isEmpty()) return Optional.of(Optional.empty());
    }
    String rel = target.equals(d) ? "" : target.substring(d.equals("/") ? 1 : d.length() + 1);
    BuildContexts all = BuildContexts.of(project);
    List<Content> found = new ArrayList<>();
    int elsewhere = 0;
    for (Word w : t.sources()) {
      String src = w.text();
      if (src.contains("$") || src.matches(".*[*?\\[].*") || src.contains("://")) {
        return Optional.of(Optional.empty());
      }
      String clean = ImageFilesystem.normalize("/" + src).substring(1);
      String base = clean.substring(clean.lastIndexOf('/') + 1);
      // `ADD run.sh /usr/local/bin/` puts run.sh there and nothing else: a plain file of every
      // context cannot hold /usr/local/bin/initnc.sh (nextcloud/docker-ci's server image)
      if (fromStage.isEmpty() && !rel.isEmpty() && !rel.contains("/") && !rel.equals(base)
          && plainFileEverywhere(all, contexts, clean, t instanceof Instruction.Add)) {
        elsewhere++;
        continue;
      }
      List<String> candidates = new ArrayList<>();
      if (rel.isEmpty() && !intoDir) candidates.add(clean);
      if (!rel.isEmpty()) {
        candidates.add(clean.isEmpty() ? rel : clean + "/" + rel);
        if (rel.equals(base)) candidates.add(clean);
      }
      for (String c : candidates) {
        Optional<Content> text = fromStage.isPresent()
            ? walk(project, df, fromStage.get(), Integer.MAX_VALUE, contexts,
                ImageFilesystem.normalize("/" + c), Optional.empty(), edits + 1)
            : readEverywhere(project, all, contexts, c, t.range());
        if (text.isPresent()) found.add(text.get());
      }
    }
    if (found.size() == 1) return Optional.of(Optional.of(found.get(0)));
    if (elsewhere == t.sources().size()) return Optional.empty();
    // Nothing from the context lands there, or several sources might: ask no further.
    return Optional.of(Optional.empty());
  }

  /** Names ADD may unpack (it detects archives by content; these are the names they go by). */
  private static final java.util.regex.Pattern ARCHIVE = java.util.regex.Pattern.compile(
      "(?i)\\.(tar|tgz|gz|bz2|tbz2?|xz|txz|zst|lz4|lzma|z)$");

  /**
   * {@code contextPath} is a regular file (not a directory, not excluded) in every known context
   * of the build, and for ADD not an archive it could unpack.
   */
  private static boolean plainFileEverywhere(BuildContexts all, List<BuildContext> contexts,
      String contextPath, boolean add) {
    // ADD detects archives by content: a name with no extension (`ADD rootfs /`) may be one
    String base = contextPath.substring(contextPath.lastIndexOf('/') + 1);
    if (contexts.isEmpty() || add && (ARCHIVE.matcher(contextPath).find() || base.indexOf('.') <= 0)) {
      return false;
    }
    for (BuildContext ctx : contexts) {
      Optional<ContextFiles> files = all.files(ctx);
      if (files.isEmpty() || !ctx.known()) return false;
      Optional<FileTree.Entry> e = files.get().entry(contextPath);
      if (e.isEmpty() || e.get().kind() != FileTree.Kind.FILE
          || files.get().excludedBy(contextPath).isPresent()) {
        return false;
      }
    }
    return true;
  }

  /** The context file in every known context of the build, when all have it with one text. */
  private static Optional<Content> readEverywhere(Project project, BuildContexts all,
      List<BuildContext> contexts, String contextPath, Range placedBy) {
    Optional<Content> out = Optional.empty();
    for (BuildContext ctx : contexts) {
      Optional<ContextFiles> files = all.files(ctx);
      if (files.isEmpty() || !ctx.known()) return Optional.empty();
      Optional<FileTree.Entry> e = files.get().entry(contextPath);
      // Size: AppSources' bound, which says so in a note (a silent bound here hid a large nginx
      // config's listeners without a word).
      if (e.isEmpty() || e.get().kind() != FileTree.Kind.FILE
          || files.get().excludedBy(contextPath).isPresent()) {
        return Optional.empty();
      }
      Optional<SourceFile> text = AppSources.of(project).read(files.get().rootPath(contextPath));
      if (text.isEmpty()) return Optional.empty();
      if (out.isPresent() && !out.get().text().equals(text.get().text())) return Optional.empty();
      out = Optional.of(new Content(text.get().text(), text, placedBy));
    }
    return out;
  }
}
