package dev.berth.rules.security;

import dev.berth.compose.Build;
import dev.berth.compose.ComposeProject;
import dev.berth.compose.Located;
import dev.berth.compose.Service;
import dev.berth.compose.yaml.YamlMap;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.KeyValue;
import dev.berth.image.ComposeBuilds;
import dev.berth.image.DevelopmentImages;
import dev.berth.image.DevelopmentReadmes;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import dev.berth.compose.EnvTemplates;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A secret written as a literal value where the repository carries it: compose {@code
 * environment}, {@code labels} and {@code build.args}, and Dockerfile LABEL. A value that looks
 * like a real credential (a documented token format, or a long random string) is a warning; a
 * development placeholder ({@code postgres}, {@code changeme}) is a note. Interpolated values
 * ({@code ${DB_PASSWORD}}) are not literal. Dockerfile ARG and ENV names are BuildKit's
 * SecretsUsedInArgOrEnv check, not this rule's.
 */
@RuleMeta(
    id = "BTH600",
    summary = "A password, token or key is written literally in a compose file or LABEL",
    severity = Severity.WARNING,
    category = Category.SECURITY,
    securitySeverity = "7.5")
public final class LiteralSecret implements ProjectRule {

  /** @param development set on a service that bind-mounts its own build context */
  private record Setting(String where, String name, String value, Range range,
      boolean development) {}

  @Override
  public void check(Project project, RuleContext ctx) {
    List<Setting> settings = new ArrayList<>();
    Set<Range> inDevelopment = developmentSetups(project);
    for (Service s : ComposeSettings.services(project)) {
      String svc = "service '" + s.serviceName() + "'";
      // A service named for tests (rocketadmin's mssql-e2e-testing, the throwaway database its
      // e2e suite runs against) is a fixture, as a compose file named so is.
      boolean dev = ComposeBuilds.mountsOwnContext(s) || inDevelopment.contains(s.name().range())
          || DevelopmentImages.standard().matches(s.serviceName())
          || ComposeSettings.runOnlyInCi(project, s.name().range().file())
          || DevelopmentReadmes.readmeSaysDevelopmentOnly(project, s.name().range().file());
      add(settings, svc + " environment", ComposeSettings.keyValues(s.definition(), "environment"),
          dev);
      add(settings, svc + " label", ComposeSettings.keyValues(s.definition(), "labels"), dev);
      s.definition().get("build").filter(b -> b instanceof YamlMap).map(b -> (YamlMap) b)
          .ifPresent(b -> add(settings, svc + " build arg", ComposeSettings.keyValues(b, "args"),
              dev));
    }
    for (Dockerfile df : project.dockerfiles()) {
      for (Instruction i : df.instructions()) {
        if (!(i instanceof Instruction.Label label)) continue;
        for (KeyValue kv : label.pairs()) {
          String v = kv.value().text();
          if (v.contains("$")) continue;
          settings.add(new Setting("LABEL", unquote(kv.key().text()), unquote(v), kv.range(),
              false));
        }
      }
    }
    // A setting services inherit (extends, a merged anchor) is one value written once: one
    // finding, for the first service that has it outside a development setup if one does (a
    // deployed service's copy is what matters), else the first.
    java.util.Map<Range, Setting> once = new java.util.LinkedHashMap<>();
    for (Setting st : settings) {
      once.merge(st.range(), st, (a, b) -> a.development() && !b.development() ? b : a);
    }
    // One value written again under the same name in the same file (lowcoder's stray compose file
    // gives three services one ENCRYPTION_KEY) is one cause: one finding, the copies related.
    java.util.Map<String, RuleContext.Report> byValue = new java.util.HashMap<>();
    for (Setting st : once.values()) {
      RuleContext.Report same = byValue.get(valueKey(st));
      if (same != null) {
        same.related(st.range(), st.where() + " " + st.name() + " is the same value");
        continue;
      }
      Optional<String> urlPassword = SecretValues.urlPassword(st.value());
      if (urlPassword.isPresent()) {
        SecretValues.read(urlPassword.get()).ifPresent(r -> byValue.put(valueKey(st),
            report(project, ctx, st, r, true)));
      } else if (SecretValues.secretName(st.name())) {
        Optional<String> revealed = RcloneObscured.reveal(st.name(), st.value());
        if (revealed.isPresent()) {
          // judged by the password behind rclone's reversible obscuring
          SecretValues.read(revealed.get()).map(r -> new SecretValues.Reading(r.kind(),
              r.what() + " behind rclone's reversible obscuring"))
              .ifPresent(r -> byValue.put(valueKey(st), report(project, ctx, st, r, false)));
          continue;
        }
        SecretValues.read(st.value()).ifPresent(r -> byValue.put(valueKey(st),
            report(project, ctx, st, r, false)));
      }
    }
  }

  /**
   * The services of compose projects one of whose services builds a development stage
   * ({@code target: ${DOCKER_BUILD_TARGET:-debug}}, DevelopmentImages' development targets): the
   * project is that setup, and so are its other services' settings (firezone's root compose file
   * is its local lab: clients built as debug, a portal with seeded tokens and keys).
   */
  private static Set<Range> developmentSetups(Project project) {
    // A service every project it is part of is such a setup: a base file's service that another
    // project deploys (compose.yaml beside compose.prod.yaml) is not only development's.
    java.util.Map<Range, Boolean> onlyDev = new java.util.HashMap<>();
    for (ComposeProject cp : project.composeProjects()) {
      boolean dev = cp.services().values().stream().anyMatch(s -> s.build()
          .flatMap(Build::target).map(Located::value)
          .filter(DevelopmentImages.standard()::developmentTarget).isPresent());
      for (Service s : cp.services().values()) {
        onlyDev.merge(s.name().range(), dev, Boolean::logicalAnd);
      }
    }
    Set<Range> out = new HashSet<>();
    onlyDev.forEach((r, dev) -> {
      if (dev) out.add(r);
    });
    return out;
  }

  /**
   * Copies grouped into one finding: same file, name and value, and both in a development setup
   * or neither (a development copy's note must not take a deployed copy's warning with it).
   */
  private static String valueKey(Setting st) {
    return st.range().file() + "\u0000" + st.name() + "\u0000" + st.value() + "\u0000"
        + st.development();
  }

  private static RuleContext.Report report(Project project, RuleContext ctx, Setting st,
      SecretValues.Reading r, boolean url) {
    String file = st.range().file();
    // A service that bind-mounts its own build context runs the developer's checkout: its
    // settings are that development setup's (photoprism's compose.yaml, "FOR TEST AND
    // DEVELOPMENT ONLY": the client secret of a local test Keycloak).
    boolean setup = ComposeSettings.setupFile(file) || st.development();
    if (r.kind() == SecretValues.Kind.CREDENTIAL && setup) {
      // A development, test, CI or example setup's own value (redash's .ci/compose.ci.yaml
      // database, an example stack's placeholder): a note, unless such a file is deployed.
      String text = EnvTemplates.isExample(file)
          ? messageExample(st.where(), st.name(), r.what(), url, file)
          : messageSetup(st.where(), st.name(), r.what(), url, file);
      return ctx.report(st.range(), text).severity(Severity.NOTE);
    } else if (r.kind() == SecretValues.Kind.CREDENTIAL) {
      // The comment above asks for the user's own value (Lychee's "REPLACE ME WITH YOUR VALUE
      // GENERATED WITH `openssl rand -base64 32`" above APP_KEY): the author's placeholder in
      // the real value's form; a note about the copies that keep it.
      Optional<Range> replace = dev.berth.compose.ReplaceComments.above(project, st.range());
      if (replace.isPresent()) {
        return ctx.report(st.range(), messageReplace(st.where(), st.name(), r.what(), url,
                replace.get().startLine()))
            .severity(Severity.NOTE)
            .related(replace.get(), "the comment that asks for a value of your own");
      }
      return ctx.report(st.range(), message(st.where(), st.name(), r.what(), url));
    } else {
      return ctx.report(st.range(), messagePlaceholder(st.where(), st.name(), r.what(), url))
          .severity(Severity.NOTE);
    }
  }

  private static void add(List<Setting> out, String where, List<ComposeSettings.KeyValue> kvs,
      boolean development) {
    for (ComposeSettings.KeyValue kv : kvs) {
      if (kv.literal()) {
        out.add(new Setting(where, kv.name(), kv.value(), kv.range(), development));
      }
    }
  }

  private static String unquote(String s) {
    return s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"")
        || s.startsWith("'") && s.endsWith("'")) ? s.substring(1, s.length() - 1) : s;
  }

  public static String message(String where, String name, String what, boolean url) {
    return where + " " + name + (url ? " holds a URL whose password" : "") + " is written "
        + "literally and looks like a real credential (" + what + "): everyone with the "
        + "repository or the image has it; pass it from an untracked .env (${" + name + "}) or "
        + "as a secret, and rotate it";
  }

  public static String messageSetup(String where, String name, String what, boolean url,
      String file) {
    return where + " " + name + (url ? " holds a URL whose password" : "") + " is written "
        + "literally (" + what + ") in `" + file + "`, a development, test or example setup: "
        + "fine while it only guards that setup; never deploy it with this value";
  }

  /** A comment above asks for the user's own value: the note says what that assumes. */
  public static String messageReplace(String where, String name, String what, boolean url,
      int line) {
    return where + " " + name + (url ? " holds a URL whose password" : "") + " is written "
        + "literally (" + what + "), and the comment at line " + line + " asks for a value of "
        + "your own: assuming whoever deploys it does so; every copy that keeps this one shares it";
  }

  /** In an example to copy, the value is meant to be replaced: the note says so. */
  public static String messageExample(String where, String name, String what, boolean url,
      String file) {
    return where + " " + name + (url ? " holds a URL whose password" : "") + " is written "
        + "literally (" + what + ") in `" + file + "`, an example to copy: assuming it is a "
        + "placeholder, replace it before deploying, or every copy shares this value";
  }

  public static String messagePlaceholder(String where, String name, String what, boolean url) {
    return where + " " + name + (url ? " holds a URL whose password" : "") + " is written "
        + "literally (" + what + ", a development default?): whoever deploys this file gets "
        + "that password unless they edit it; use ${" + name + ":?set " + name + "} or a secret";
  }
}
