package dev.berth.rules;

import dev.berth.source.TextEdit;
import java.util.List;

/** A pure text edit that resolves a finding; exported as a SARIF fix. */
public record Fix(String description, List<TextEdit> edits) {
  public Fix {
    edits = List.copyOf(edits);
  }
}
