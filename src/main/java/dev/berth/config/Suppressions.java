package dev.berth.config;

import dev.berth.project.Project;
import dev.berth.rules.Finding;
import java.util.List;

/** Applies inline pragmas ({@code # berth ignore=…}) to findings. STUB: replaced by the real thing. */
public final class Suppressions {
  private Suppressions() {}

  public static List<Finding> apply(Project project, List<Finding> findings) {
    return findings;
  }
}
