package dev.berth.dockerfile;

import dev.berth.source.SourceFile;
import java.util.List;

/** STUB until the real parser lands (parser branch replaces this file). */
public final class DockerfileParser {
  private DockerfileParser() {}

  public static Dockerfile parse(SourceFile source) {
    return new Dockerfile(source, List.of(), '\\', List.of(), List.of(), List.of(), List.of(), List.of());
  }
}
