package dev.berth.rules.security;

import dev.berth.compose.ComposeProject;
import dev.berth.compose.Service;
import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.compose.yaml.YamlSeq;
import dev.berth.project.Project;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of compose services as written, for the security rules: each service once even when
 * several compose projects (default files, overrides) load the same file, and each scalar with
 * its raw text so a value written literally can be told from one interpolated from {@code ${}}.
 */
final class ComposeSettings {
  private ComposeSettings() {}

  /** Every service of every compose project, each definition once. */
  /**
   * A compose file taken by its path for a development, test, CI or example setup (a word of
   * development-images.yaml, an example name or directory): what it sets is not deployed as is.
   */
  static boolean setupFile(String file) {
    return dev.berth.image.DevelopmentImages.standard().matches(file)
        || dev.berth.compose.EnvTemplates.isExample(file);
  }

  /**
   * A compose file below the root that only CI jobs run: every repository command that runs a
   * project of it is a CI pipeline's (elabftw's containers/circleci/docker-compose.yml, which
   * only .circleci/config.yml starts, against the image the job builds), at least one. A CI
   * setup, whose values are its tests' fixtures.
   */
  static boolean runOnlyInCi(Project project, String file) {
    if (!file.contains("/")) return false;
    List<dev.berth.compose.ComposeInvocation> runs = new ArrayList<>();
    for (dev.berth.compose.ComposeProject cp : project.composeProjects()) {
      if (cp.files().contains(file)) runs.addAll(cp.invocations());
    }
    return !runs.isEmpty() && runs.stream()
        .allMatch(r -> dev.berth.evidence.RepoEvidence.ciFile(r.where().file()));
  }

  static List<Service> services(Project project) {
    List<Service> out = new ArrayList<>();
    Set<Range> seen = new HashSet<>();
    for (ComposeProject cp : project.composeProjects()) {
      for (Service s : cp.services().values()) {
        if (seen.add(s.name().range())) out.add(s);
      }
    }
    return out;
  }

  static Optional<YamlScalar> scalar(Service s, String key) {
    return s.definition().get(key).filter(n -> n instanceof YamlScalar).map(n -> (YamlScalar) n);
  }

  /** The scalars of a list setting ({@code cap_add: [SYS_ADMIN]}). */
  static List<YamlScalar> list(YamlMap m, String key) {
    List<YamlScalar> out = new ArrayList<>();
    Optional<YamlNode> n = m.get(key);
    if (n.isPresent() && n.get() instanceof YamlSeq q) {
      for (YamlNode i : q.items()) if (i instanceof YamlScalar sc) out.add(sc);
    }
    return out;
  }

  /** One {@code NAME=value} of environment, labels or build args, as written. */
  record KeyValue(String name, String value, boolean literal, Range range) {}

  /**
   * The entries of a map-or-list setting with a value. {@code literal} is false when the text
   * as written holds a {@code $} (an interpolated value, set outside the file).
   */
  static List<KeyValue> keyValues(YamlMap m, String key) {
    List<KeyValue> out = new ArrayList<>();
    Optional<YamlNode> n = m.get(key);
    if (n.isEmpty()) return out;
    if (n.get() instanceof YamlMap map) {
      for (YamlMap.Entry e : map.entries()) {
        if (e.value() instanceof YamlScalar v && !v.isNull()) {
          out.add(new KeyValue(e.name(), v.value(), !v.raw().contains("$"), v.range()));
        }
      }
    } else if (n.get() instanceof YamlSeq q) {
      for (YamlNode i : q.items()) {
        if (!(i instanceof YamlScalar s)) continue;
        int eq = s.value().indexOf('=');
        int rawEq = s.raw().indexOf('=');
        if (eq <= 0) continue;
        boolean literal = rawEq < 0 || !s.raw().substring(rawEq).contains("$");
        out.add(new KeyValue(s.value().substring(0, eq), s.value().substring(eq + 1), literal,
            s.range()));
      }
    }
    return out;
  }
}
