package dev.berth.rules;

import dev.berth.project.Project;

/** A rule that needs the whole project: cross-file checks, compose projects, build contexts. */
public interface ProjectRule extends Rule {
  void check(Project project, RuleContext ctx);
}
