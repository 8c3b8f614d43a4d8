package dev.berth.compose;

import dev.berth.compose.yaml.YamlMap;
import dev.berth.source.Diagnostic;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Compose project as {@code docker compose config} resolves it: its files merged in order,
 * {@code extends} and {@code include} applied, variables interpolated, with positions.
 *
 * @param name Compose's project name: {@code name:}, else COMPOSE_PROJECT_NAME from the
 *     environment or {@code .env}, else the project directory's name, normalised
 * @param files root-relative compose files in merge order
 * @param projectDirectory root-relative directory of the first file ("" for the root)
 * @param versions the obsolete top-level {@code version:} of each file that has one (key and
 *     value range)
 * @param unsetVariables every use of a variable no source defines, in the order Compose reads
 *     the files
 * @param variableSources where the project's variables come from ({@code .env}, its template)
 * @param activeProfiles COMPOSE_PROFILES from the environment or {@code .env} (may be empty)
 * @param model the merged, interpolated tree (what the schema is checked against)
 * @param diagnostics load problems of this project (also in the load result)
 */
public record ComposeProject(
    String name,
    Optional<Located<String>> nameDeclaration,
    List<String> files,
    String projectDirectory,
    Map<String, Service> services,
    Map<String, Resource> volumes,
    Map<String, Resource> networks,
    Map<String, Resource> secrets,
    Map<String, Resource> configs,
    List<Located<String>> versions,
    List<UnsetVariable> unsetVariables,
    VariableSources variableSources,
    List<SchemaViolation> schemaViolations,
    List<String> activeProfiles,
    YamlMap model,
    List<Diagnostic> diagnostics) {

  public ComposeProject {
    files = List.copyOf(files);
    versions = List.copyOf(versions);
    services = ordered(services);
    volumes = ordered(volumes);
    networks = ordered(networks);
    secrets = ordered(secrets);
    configs = ordered(configs);
    unsetVariables = List.copyOf(unsetVariables);
    schemaViolations = List.copyOf(schemaViolations);
    activeProfiles = List.copyOf(activeProfiles);
    diagnostics = List.copyOf(diagnostics);
  }

  private static <V> Map<String, V> ordered(Map<String, V> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  public Optional<Service> service(String name) {
    return Optional.ofNullable(services.get(name));
  }

  /** Every profile named by some service, sorted: rules can reason about each combination. */
  public Set<String> profiles() {
    Set<String> out = new TreeSet<>();
    for (Service s : services.values()) {
      for (Located<String> p : s.profiles()) out.add(p.value());
    }
    return Collections.unmodifiableSet(out);
  }

  /** Services enabled when {@code activeProfiles} are active (no profile = always enabled). */
  public List<Service> enabledServices(Collection<String> activeProfiles) {
    return services.values().stream().filter(s -> s.enabledWith(activeProfiles)).toList();
  }
}
