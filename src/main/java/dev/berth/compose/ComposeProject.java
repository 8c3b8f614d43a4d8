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
 * @param missingFiles files named by {@code include} or {@code extends.file} that do not exist
 * @param basis how berth knows these files run together
 * @param invocations how the repository's own scripts run exactly these files (empty when
 *     nothing berth reads does)
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
    List<Diagnostic> diagnostics,
    List<MissingFile> missingFiles,
    Basis basis,
    List<ComposeInvocation> invocations,
    List<String> addedServices) {

  /** How a project's file set was learned; rules that need the whole set read it. */
  public enum Basis {
    /** Named by the user: {@code -f} on the command line or {@code compose:} in .berth.yaml. */
    DECLARED,
    /** Compose's own choice in a directory: its default files or {@code COMPOSE_FILE}. */
    DISCOVERED,
    /** A file that runs on its own ({@code docker compose -f FILE}). */
    ALONE,
    /** Files the repository's own scripts run together ({@code -f a.yml -f b.yml}). */
    SCRIPTED,
    /**
     * A file that cannot run alone, loaded on top of its directory's default files, which make
     * it complete (an override such as {@code docker-compose.dev.yml}).
     */
    ATTACHED,
    /**
     * A file that cannot run alone (a service without image or build, or one that needs a
     * service the file does not define) whose base files are unknown. Only what the file says
     * on its own can be judged: the names it does not define, its project directory (the first
     * file's), its {@code .env} and its project name are all the unknown base's.
     */
    FRAGMENT,
    /**
     * An app of a platform that starts it on a compose base of its own ({@link AppPlatforms}:
     * Umbrel, Runtipi): a {@link #FRAGMENT} whose base only adds (a service, the network its
     * apps join, the variables), so the services the file defines run as it writes them.
     */
    PLATFORM
  }

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
    missingFiles = List.copyOf(missingFiles);
    invocations = List.copyOf(invocations);
    addedServices = List.copyOf(addedServices);
  }

  private static <V> Map<String, V> ordered(Map<String, V> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  /** The same project, learned another way. */
  public ComposeProject withBasis(Basis b) {
    return new ComposeProject(name, nameDeclaration, files, projectDirectory, services, volumes,
        networks, secrets, configs, versions, unsetVariables, variableSources, schemaViolations,
        activeProfiles, model, diagnostics, missingFiles, b, invocations, addedServices);
  }

  /**
   * The same project as an app a platform starts on a base of its own, which defines
   * {@code services} besides the files' ({@link Basis#PLATFORM}).
   */
  public ComposeProject asPlatformApp(List<String> services) {
    return new ComposeProject(name, nameDeclaration, files, projectDirectory, this.services,
        volumes, networks, secrets, configs, versions, unsetVariables, variableSources,
        schemaViolations, activeProfiles, model, diagnostics, missingFiles, Basis.PLATFORM, invocations,
        services);
  }

  /** The same project, with the repository's invocations that run it. */
  public ComposeProject withInvocations(List<ComposeInvocation> runs) {
    return new ComposeProject(name, nameDeclaration, files, projectDirectory, services, volumes,
        networks, secrets, configs, versions, unsetVariables, variableSources, schemaViolations,
        activeProfiles, model, diagnostics, missingFiles, basis, runs, addedServices);
  }

  /** Whether the files' base is unknown ({@link Basis#FRAGMENT}, {@link Basis#PLATFORM}). */
  public boolean isFragment() {
    return basis == Basis.FRAGMENT || basis == Basis.PLATFORM;
  }

  /**
   * Whether each service the files define runs as they write it: true unless an unknown base
   * may change it ({@link Basis#FRAGMENT}); a platform's base only adds.
   */
  public boolean servicesAsWritten() {
    return basis != Basis.FRAGMENT;
  }

  /**
   * Whether the value written at {@code at} holds a variable berth substituted with a blank
   * because nothing it reads sets it ({@link #unsetVariables}): Compose may see another value
   * (from a template copied to .env, a script's environment), or the blank is BTH107's one
   * finding. Either way what the value names is not known.
   */
  public boolean blanked(dev.berth.source.Range at) {
    for (UnsetVariable v : unsetVariables) {
      if (at.encloses(v.range())) return true;
    }
    return false;
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
