package dev.berth.rules.context;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.EnvFileRef;
import dev.berth.compose.Service;
import dev.berth.project.FileTree;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.Precision;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A service {@code env_file} that does not exist, unless the long syntax marks it
 * {@code required: false}. When a template next to it exists ({@code .env.example}), the finding
 * names it.
 */
@RuleMeta(
    id = "BTH307",
    summary = "env_file does not exist, so docker compose refuses to start the service",
    severity = Severity.ERROR,
    category = Category.BUG,
    precision = Precision.HIGH)
public final class EnvFileMissing implements ProjectRule {

  private static final List<String> TEMPLATE_SUFFIXES =
      List.of(".example", ".sample", ".template", ".dist", ".tmpl");

  @Override
  public void check(Project project, RuleContext ctx) {
    FileTree tree = project.fileTree();
    Set<Range> reported = new HashSet<>();
    for (ComposeProject cp : project.composeProjects()) {
      for (Service s : cp.services().values()) {
        for (EnvFileRef ref : s.envFiles()) {
          if (!ref.required()) continue;
          Optional<String> path = TreePaths.rootRelative(ref.path().value());
          if (path.isEmpty() || path.get().isEmpty()) continue;
          String p = path.get();
          if (tree.get(p).isPresent() || TreePaths.unknown(tree, p)) continue;
          if (!reported.add(ref.path().range())) continue;
          Optional<String> template = TEMPLATE_SUFFIXES.stream().map(x -> p + x)
              .filter(tree::isFile).findFirst();
          RuleContext.Report r = ctx.report(ref.path().range(),
              message(s.serviceName(), p, template));
          r.related(Range.wholeFile(TreePaths.show(cp.projectDirectory())),
              "paths are relative to the project directory");
          r.related(Range.wholeFile(p), "the file compose reads");
          template.ifPresent(t -> r.related(Range.wholeFile(t), "template for it"));
        }
      }
    }
  }

  public static String message(String service, String path, Optional<String> template) {
    return "env_file `" + path + "` of service `" + service + "` does not exist, so `docker "
        + "compose up` fails with \"env file ... not found\""
        + template.map(t -> "; create it from `" + t + "`").orElse("")
        + " (or mark it `required: false` if it is optional)";
  }

}
