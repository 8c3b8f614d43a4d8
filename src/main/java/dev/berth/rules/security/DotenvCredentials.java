package dev.berth.rules.security;

import dev.berth.compose.EnvFile;
import dev.berth.project.AppSources;
import dev.berth.project.Project;
import dev.berth.source.SourceFile;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a dotenv file of the repository holds a value that looks like a real credential under a
 * secret's name (the judgement of {@link LiteralSecret}): a committed {@code .env.production}
 * with {@code APP_KEY=} left empty holds none. A project fact, each file read once.
 */
final class DotenvCredentials {
  private final Project project;
  private final Map<String, Boolean> byPath = new ConcurrentHashMap<>();

  private DotenvCredentials(Project project) {
    this.project = project;
  }

  static DotenvCredentials of(Project project) {
    return project.fact(DotenvCredentials.class, DotenvCredentials::new);
  }

  private final Map<String, Boolean> namesNone = new ConcurrentHashMap<>();

  /**
   * True when the root-relative file is read and no variable of it has a secret's name
   * (hanko's example .env: NEXT_PUBLIC_HANKO_API_URL and the like), whatever the values.
   */
  boolean namesNoSecret(String path) {
    return namesNone.computeIfAbsent(path, p -> {
      Optional<SourceFile> f = AppSources.of(project).read(p);
      if (f.isEmpty()) return false;
      EnvFile.Result r = EnvFile.parse(f.get(), k -> Optional.empty());
      return !r.values().isEmpty()
          && r.values().keySet().stream().noneMatch(SecretValues::secretName);
    });
  }

  /** True when the root-relative file holds a credential, or cannot be read (unknown). */
  boolean mayHoldCredential(String path) {
    return byPath.computeIfAbsent(path, p -> {
      Optional<SourceFile> f = AppSources.of(project).read(p);
      if (f.isEmpty()) return true;
      EnvFile.Result r = EnvFile.parse(f.get(), k -> Optional.empty());
      return r.values().entrySet().stream().anyMatch(e -> SecretValues.secretName(e.getKey())
          && SecretValues.read(e.getValue()).filter(x -> x.kind() == SecretValues.Kind.CREDENTIAL)
              .isPresent());
    });
  }
}
