package dev.berth.rules.hygiene;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.StageFacts;
import dev.berth.dockerfile.Word;
import dev.berth.image.RunScripts;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.TextEdit;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * ADD whose sources are all local files or directories that are not archives: it does what COPY
 * does, plus the surprise that a file later renamed to {@code .tar.gz} is unpacked. URLs, git
 * sources, archives (which ADD extracts), heredocs, ADD-only flags and sources with unknown
 * variables are left alone.
 */
@RuleMeta(
    id = "BTH510",
    summary = "ADD copies local files that COPY copies without ADD's extra behaviour",
    severity = Severity.NOTE,
    category = Category.STYLE,
    aliases = {"DL3020"})
public final class AddLocalFile implements DockerfileRule {
  /** Archive suffixes ADD extracts (Dockerfile reference; hadolint's list). */
  static final List<String> ARCHIVES = List.of(".tar", ".z", ".bz2", ".gz", ".lz", ".lzma",
      ".tz", ".tb2", ".tbz", ".tbz2", ".tgz", ".tlz", ".tpz", ".txz", ".xz", ".zst", ".tzst");
  private static final Set<String> ADD_ONLY_FLAGS = Set.of("checksum", "keep-git-dir", "unpack");

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    for (StageFacts f : RunScripts.of(project).stages(dockerfile)) {
      for (Instruction i : f.stage().instructions()) {
        if (!(i instanceof Instruction.Add add) || !add.heredocs().isEmpty()) continue;
        if (add.flags().stream().anyMatch(fl -> ADD_ONLY_FLAGS.contains(fl.name()))) continue;
        if (add.sources().isEmpty() || !add.sources().stream().allMatch(AddLocalFile::plainLocal)) {
          continue;
        }
        ctx.report(add.keyword().range(), message())
            .fix("Use COPY", new TextEdit(add.keyword().range(), copyKeyword(add.keyword())));
      }
    }
  }

  private static boolean plainLocal(Word w) {
    String s = w.text().toLowerCase(Locale.ROOT);
    if (s.contains("$") || s.contains("://") || s.startsWith("git@") || s.endsWith(".git")
        || s.contains(".git#")) {
      return false;
    }
    return ARCHIVES.stream().noneMatch(s::endsWith);
  }

  /** COPY in the casing ADD was written in. */
  private static String copyKeyword(Word keyword) {
    return keyword.text().equals(keyword.text().toLowerCase(Locale.ROOT)) ? "copy" : "COPY";
  }

  public static String message() {
    return "ADD of local files does what COPY does, and also unpacks any source that is a "
        + "local tar archive; use COPY, and keep ADD for URLs and archives to extract";
  }
}
