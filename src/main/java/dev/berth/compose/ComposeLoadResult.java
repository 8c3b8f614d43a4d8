package dev.berth.compose;

import dev.berth.source.Diagnostic;
import dev.berth.source.SourceFile;
import java.util.List;

/** Projects that loaded, every diagnostic, and the text of every file read (for reporters). */
public record ComposeLoadResult(List<ComposeProject> projects, List<Diagnostic> diagnostics,
    List<SourceFile> sourcesRead, EnvFileErrors envFileErrors) {
  public ComposeLoadResult {
    projects = List.copyOf(projects);
    diagnostics = List.copyOf(diagnostics);
    sourcesRead = List.copyOf(sourcesRead);
  }
}
