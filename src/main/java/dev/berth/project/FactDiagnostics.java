package dev.berth.project;

import dev.berth.source.Diagnostic;
import java.util.List;

/**
 * A fact whose computation met input it could not use (a malformed .dockerignore pattern, say).
 * The engine collects these after the rules ran, so they reach the reports and the exit code like
 * load diagnostics.
 */
public interface FactDiagnostics {
  List<Diagnostic> diagnostics();
}
