package dev.berth.framework;

import dev.berth.project.FileKinds;
import dev.berth.project.Project;
import java.util.List;
import java.util.Optional;

/**
 * What application frameworks in the project declare they need at run time, read from the
 * sources the loader collected (Django settings today). Computed once per project.
 */
public record FrameworkFacts(List<DjangoSettings> django) {

  public static FrameworkFacts of(Project project) {
    return project.fact(FrameworkFacts.class, FrameworkFacts::compute);
  }

  private static FrameworkFacts compute(Project project) {
    List<DjangoSettings> django = project.sources().stream()
        .filter(f -> FileKinds.isAppSettings(f.path()))
        .map(DjangoSettings::parse)
        .flatMap(Optional::stream)
        .toList();
    return new FrameworkFacts(django);
  }

  /** Settings whose file is {@code path}, if parsed. */
  public Optional<DjangoSettings> djangoSettings(String path) {
    return django.stream().filter(d -> d.file().equals(path)).findFirst();
  }

}
