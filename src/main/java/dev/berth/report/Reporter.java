package dev.berth.report;

import dev.berth.project.Project;
import dev.berth.rules.Analysis;
import java.io.IOException;
import java.io.OutputStream;

/** One output format. Reporters only render: every decision was made before they run. */
public interface Reporter {
  void write(Analysis analysis, Project project, OutputStream out) throws IOException;
}
