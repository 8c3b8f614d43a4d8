package dev.berth.wiring;

import dev.berth.dockerfile.Command;
import dev.berth.dockerfile.Heredoc;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Word;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.StageSimulation;
import dev.berth.project.Project;
import dev.berth.runtime.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the instructions of a container's image stages did to a configuration directory of the
 * base image: the files COPY/ADD put there (listed from the build context), the files RUNs
 * removed, whether a file was left as the base image ships it. Shared by the readers of server
 * configuration ({@link NginxSetup}, {@link ServerConfigs}); anything they cannot list throws
 * {@link ConfigUnknown}.
 */
final class StageFiles {
  private final Project project;
  private final Container c;

  StageFiles(Project project, Container c) {
    this.project = project;
    this.c = c;
  }

  /**
   * Where a COPY/ADD of stage {@code s} puts its files, absolute and normalized; empty when berth
   * cannot tell (a variable in the destination, a relative one under an unknown WORKDIR).
   */
  static Optional<String> destination(StageSimulation s, Instruction.FileTransfer t) {
    String raw = t.destination().text();
    if (raw.contains("$")) return Optional.empty();
    if (raw.startsWith("/")) return Optional.of(ImageFilesystem.normalize(raw));
    return s.before(t).flatMap(StageSimulation.Step::workdir)
        .map(wd -> ImageFilesystem.normalize(ImageFilesystem.resolve(wd, raw)));
  }

  /** The COPY/ADD puts its sources into the destination as a directory. */
  static boolean intoDirectory(Instruction.FileTransfer t) {
    return t.destination().text().endsWith("/") || t.sources().size() + t.heredocs().size() > 1;
  }

  /**
   * The files COPY/ADD put directly in {@code dir}, from the build context; unknown when one
   * may put files there that berth cannot list (another stage, a glob, a variable).
   */
  List<String> copiedInto(String dir) throws ConfigUnknown {
    List<String> out = new ArrayList<>();
    for (StageSimulation s = c.stage(); s != null; s = s.parent().orElse(null)) {
      for (Instruction i : s.stage().instructions()) {
        if (!(i instanceof Instruction.FileTransfer t)) continue;
        String d = destination(s, t).orElseThrow(ConfigUnknown::new);
        boolean intoDir = intoDirectory(t);
        boolean above = dir.startsWith(d.equals("/") ? "/" : d + "/");
        if (!d.equals(dir) && !above && !ImageFilesystem.parent(d).equals(dir)) continue;
        if (ImageFilesystem.parent(d).equals(dir) && !d.equals(dir) && !intoDir) {
          out.add(d); // COPY x.conf /etc/nginx/conf.d/app.conf
          continue;
        }
        if (ImageFilesystem.parent(d).equals(dir) && !d.equals(dir) && intoDir) continue;
        if (t.from().isPresent()) throw new ConfigUnknown();
        for (Heredoc h : t.heredocs()) if (d.equals(dir)) out.add(dir + "/" + h.delimiter());
        String sub = above ? dir.substring(d.equals("/") ? 1 : d.length() + 1) : "";
        for (Word w : t.sources()) {
          String src = w.text();
          if (src.contains("$") || src.matches(".*[*?\\[].*") || src.contains("://")) throw new ConfigUnknown();
          String clean = ImageFilesystem.normalize("/" + src).substring(1);
          for (String f : contextChildren(clean, sub, d.equals(dir) && !above)) out.add(dir + "/" + f);
        }
      }
    }
    return out;
  }

  /**
   * Names of the files directly in {@code src/sub} of every build context of the image (all
   * must agree); {@code fileToo}: a file source lands in the directory under its own name.
   */
  private List<String> contextChildren(String src, String sub, boolean fileToo) throws ConfigUnknown {
    List<String> names = null;
    dev.berth.context.BuildContexts all = dev.berth.context.BuildContexts.of(project);
    for (dev.berth.context.BuildContext ctx : c.contexts()) {
      Optional<dev.berth.context.ContextFiles> files = all.files(ctx);
      if (files.isEmpty() || !ctx.known()) throw new ConfigUnknown();
      Optional<dev.berth.project.FileTree.Entry> e = files.get().entry(src);
      List<String> mine = new ArrayList<>();
      if (e.isPresent() && e.get().kind() == dev.berth.project.FileTree.Kind.FILE) {
        if (fileToo && sub.isEmpty()) mine.add(src.substring(src.lastIndexOf('/') + 1));
      } else if (e.isPresent()) {
        String from = sub.isEmpty() ? src : (src.isEmpty() ? sub : src + "/" + sub);
        for (String f : files.get().filesUnder(from, dev.berth.context.View.CLEAN_CLONE)) {
          String rel = from.isEmpty() ? f : f.substring(Math.min(f.length(), from.length() + 1));
          if (!rel.isEmpty() && !rel.contains("/")) mine.add(rel);
        }
      }
      if (names != null && !names.equals(mine)) throw new ConfigUnknown();
      names = mine;
    }
    return names == null ? List.of() : names;
  }

  /**
   * The base image's file {@code path} is still as the image ships it: no RUN names it and no
   * COPY/ADD lands on it (a file copied into its directory under another name leaves it alone,
   * unlike {@link #untouched}); unknown when the copies into its directory cannot be listed.
   */
  boolean leftAsShipped(String path) throws ConfigUnknown {
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (runMentions(name, false)) return false;
    return !copiedInto(ImageFilesystem.parent(path)).contains(path);
  }

  /**
   * No instruction of the image's stages may have changed {@code path}: no RUN names the file,
   * no COPY/ADD puts anything at it or above it.
   */
  boolean untouched(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (runMentions(name, false)) return false;
    for (StageSimulation s = c.stage(); s != null; s = s.parent().orElse(null)) {
      for (Instruction i : s.stage().instructions()) {
        if (!(i instanceof Instruction.FileTransfer t)) continue;
        Optional<String> dest = destination(s, t);
        if (dest.isEmpty()) return false;
        String d = dest.get();
        if (path.equals(d) || path.startsWith(d.equals("/") ? "/" : d + "/")) return false;
      }
    }
    return true;
  }

  /**
   * The files of {@code dir} RUNs remove with a plain {@code rm} of literal paths; unknown when
   * a RUN does anything else that names the directory (it may put or remove files berth does
   * not see) other than edit its files with a {@code sed -i} berth understands (which puts and
   * removes nothing; the readers read the edited text).
   */
  java.util.Set<String> removedBy(String dir) throws ConfigUnknown {
    RunChanges r = walk(dir);
    if (r.other() || r.heredoc()) throw new ConfigUnknown();
    return r.removed();
  }

  /**
   * What RUNs did directly in {@code dir}.
   *
   * @param removed files a plain {@code rm} of literal paths took away
   * @param written files {@code echo}, {@code printf} or {@code cat} wrote through a redirect
   *     ({@code > /dir/name}), whose text {@link dev.berth.runtime.ImageFiles} reads back
   * @param edited files a {@code sed -i} berth understands edited in place (their text is
   *     {@link dev.berth.runtime.ImageFiles}'s too)
   * @param other a command other than rm and sed named the directory (one that writes there,
   *     mkdir, chmod, ...)
   * @param outside an rm took away something not directly in the directory
   * @param heredoc a RUN's heredoc names the directory
   */
  record RunChanges(java.util.Set<String> removed, java.util.Set<String> written,
      java.util.Set<String> edited, boolean other, boolean outside, boolean heredoc) {}

  /**
   * The files RUNs removed from, wrote into or edited in {@code dir}; unknown when a RUN does
   * anything else that names the directory (cp, mv, a sed berth does not understand, a glob,
   * the directory itself removed).
   */
  RunChanges runChanges(String dir) throws ConfigUnknown {
    RunChanges r = walk(dir);
    if (r.outside()) throw new ConfigUnknown();
    return r;
  }

  /** The one walk over the RUNs of the image's stages behind {@link #removedBy} and {@link #runChanges}. */
  private RunChanges walk(String dir) throws ConfigUnknown {
    java.util.Set<String> removed = new java.util.HashSet<>();
    java.util.Set<String> written = new java.util.HashSet<>();
    java.util.Set<String> edited = new java.util.HashSet<>();
    boolean other = false;
    boolean outside = false;
    boolean heredoc = false;
    String base = dir.substring(dir.lastIndexOf('/') + 1);
    for (StageSimulation s = c.stage(); s != null; s = s.parent().orElse(null)) {
      for (Instruction i : s.stage().instructions()) {
        if (!(i instanceof Instruction.Run r)) continue;
        if (r.heredocs().stream().anyMatch(h -> h.body().contains(base))) heredoc = true;
        if (!r.commandText().contains(base) && r.heredocs().stream().noneMatch(h -> h.body().contains(base))) {
          continue;
        }
        if (!(r.command() instanceof Command.ShellForm sf)) throw new ConfigUnknown();
        dev.berth.image.shell.ShellScript script = dev.berth.image.shell.ShellScript.parse(sf.script());
        if (!script.complete()) throw new ConfigUnknown();
        for (dev.berth.image.shell.SimpleCommand cmd : script.commands()) {
          if (!mentions(cmd, base)) continue;
          String name = cmd.name().orElse("");
          switch (name) {
            case "rm" -> {
              for (String f : removed(cmd)) {
                if (!ImageFilesystem.parent(f).equals(dir)) outside = true;
                removed.add(f);
              }
            }
            case "sed" -> edited.addAll(edited(s, r, cmd, dir));
            case "echo", "printf", "cat" -> {
              other = true;
              for (dev.berth.image.shell.SimpleCommand.Redirect rd : cmd.redirects()) {
                if (!rd.operator().equals(">") && !rd.operator().equals(">>")) continue;
                String t = rd.target().value().orElseThrow(ConfigUnknown::new);
                if (!t.startsWith("/")) throw new ConfigUnknown();
                String f = ImageFilesystem.normalize(t);
                if (!ImageFilesystem.parent(f).equals(dir)) throw new ConfigUnknown();
                written.add(f);
              }
              // `cat FILE` or `echo` naming the directory without writing there is harmless.
            }
            case "mkdir", "chmod", "chown", "ls", "true" -> other = true;
            default -> throw new ConfigUnknown();
          }
        }
      }
    }
    return new RunChanges(removed, written, edited, other, outside, heredoc);
  }

  /**
   * The files of {@code dir} a {@code sed -i} edits in place (it puts and removes none);
   * unknown when berth does not understand the command or cannot name its files.
   */
  private static List<String> edited(StageSimulation s, Instruction.Run r,
      dev.berth.image.shell.SimpleCommand cmd, String dir) throws ConfigUnknown {
    // Run or not (inside an if), it puts and removes nothing; the readers judge the text.
    if (cmd.background() || !cmd.redirects().isEmpty()) throw new ConfigUnknown();
    StageSimulation.Step before = s.before(r).orElseThrow(ConfigUnknown::new);
    dev.berth.image.shell.SedScript.Invocation inv = dev.berth.image.shell.SedScript
        .invocation(cmd, before.variables()).orElseThrow(ConfigUnknown::new);
    if (!inv.inPlace()) throw new ConfigUnknown();
    List<String> out = new ArrayList<>();
    List<String> files = inv.paths(before.variables(), before.workdir())
        .orElseThrow(ConfigUnknown::new);
    for (String f : files) {
      if (ImageFilesystem.parent(f).equals(dir)) out.add(f);
    }
    return out;
  }

  /** A command of a RUN script that names the directory {@code base} in a word or a redirect. */
  private static boolean mentions(dev.berth.image.shell.SimpleCommand cmd, String base) {
    return cmd.words().stream().anyMatch(w -> w.raw().contains(base))
        || cmd.redirects().stream().anyMatch(rd -> rd.target().raw().contains(base));
  }

  /**
   * The files a plain {@code rm} removes, absolute and normalized; unknown for a redirect, a
   * value berth cannot expand, a glob or a relative path.
   */
  private static List<String> removed(dev.berth.image.shell.SimpleCommand rm) throws ConfigUnknown {
    if (!rm.redirects().isEmpty()) throw new ConfigUnknown();
    List<String> out = new ArrayList<>();
    for (dev.berth.image.shell.ShellWord w : rm.args()) {
      String v = w.value().orElseThrow(ConfigUnknown::new);
      if (v.startsWith("-")) continue;
      if (v.matches(".*[*?\\[].*") || !v.startsWith("/")) throw new ConfigUnknown();
      out.add(ImageFilesystem.normalize(v));
    }
    return out;
  }

  /** A RUN of the image's stages names {@code word} (as a path part when {@code part}). */
  private boolean runMentions(String word, boolean part) {
    for (StageSimulation s = c.stage(); s != null; s = s.parent().orElse(null)) {
      for (Instruction i : s.stage().instructions()) {
        if (!(i instanceof Instruction.Run r)) continue;
        String text = r.fullText();
        if (text.contains(part ? word + "/" : word) || part && text.contains(word + " ")) return true;
      }
    }
    return false;
  }

}
