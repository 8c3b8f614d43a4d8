package dev.berth.project;

import java.util.Locale;
import java.util.Set;

/** Recognises the files berth lints by their names, the way users and hadolint/dclint name them. */
public final class FileKinds {
  private FileKinds() {}

  /** Suffixes that make a {@code Dockerfile.*} name something else (a backup, docs, an ignore file). */
  private static final Set<String> NOT_DOCKERFILE_SUFFIXES =
      Set.of("dockerignore", "md", "txt", "orig", "rej", "swp", "bak", "tmp", "j2", "tpl", "template");

  public static ProjectFile.Kind classify(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.equals(".dockerignore") || lower.endsWith(".dockerignore")) {
      return ProjectFile.Kind.DOCKERIGNORE;
    }
    if (isCompose(lower)) return ProjectFile.Kind.COMPOSE;
    if (isDockerfile(fileName)) return ProjectFile.Kind.DOCKERFILE;
    return ProjectFile.Kind.OTHER;
  }

  /**
   * Application settings modules read as support sources because they say what the app loads at
   * run time: Django's {@code settings.py} or a {@code settings/} package module.
   */
  public static boolean isAppSettings(String path) {
    return path.equals("settings.py") || path.endsWith("/settings.py")
        || path.matches("(.*/)?settings/[A-Za-z0-9_]+\\.py");
  }

  private static boolean isDockerfile(String name) {
    if (name.equals("Dockerfile") || name.equals("Containerfile")) return true;
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".dockerfile") && lower.length() > ".dockerfile".length()) return true;
    if (name.startsWith("Dockerfile.") || name.startsWith("Containerfile.")) {
      String suffix = lower.substring(lower.indexOf('.') + 1);
      return !suffix.isEmpty() && !NOT_DOCKERFILE_SUFFIXES.contains(suffix);
    }
    return false;
  }

  private static boolean isCompose(String lower) {
    if (!(lower.endsWith(".yml") || lower.endsWith(".yaml"))) return false;
    return lower.startsWith("compose") || lower.startsWith("docker-compose");
  }
}
