package dev.berth.rules.security;

import dev.berth.compose.EnvFile;
import dev.berth.project.AppSources;
import dev.berth.project.Project;
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
  /** Each file's variables, empty when it cannot be read: read and parsed once. */
  private final Map<String, Optional<Map<String, String>>> byPath = new ConcurrentHashMap<>();

  private DotenvCredentials(Project project) {
    this.project = project;
  }

  static DotenvCredentials of(Project project) {
    return project.fact(DotenvCredentials.class, DotenvCredentials::new);
  }

  private Optional<Map<String, String>> values(String path) {
    return byPath.computeIfAbsent(path, p -> AppSources.of(project).read(p)
        .map(f -> EnvFile.parse(f, k -> Optional.empty()).values()));
  }

  /**
   * True when the root-relative file is read and no variable of it has a secret's name
   * (hanko's example .env: NEXT_PUBLIC_HANKO_API_URL and the like), whatever the values.
   */
  boolean namesNoSecret(String path) {
    return values(path).filter(v -> !v.isEmpty()
        && v.keySet().stream().noneMatch(SecretValues::secretName)).isPresent();
  }

  /**
   * True when the root-relative file is read and sets no variable at all (ferdium-server's
   * docker/.env, one newline, which its entrypoint fills at start): there is nothing in it to
   * leak, whoever made it.
   */
  boolean setsNothing(String path) {
    return values(path).filter(Map::isEmpty).isPresent();
  }

  /** True when the root-relative file holds a credential, or cannot be read (unknown). */
  boolean mayHoldCredential(String path) {
    return values(path).map(v -> v.entrySet().stream().anyMatch(e ->
        SecretValues.secretName(e.getKey()) && SecretValues.read(e.getValue())
            .filter(x -> x.kind() == SecretValues.Kind.CREDENTIAL).isPresent()))
        .orElse(true);
  }
}
