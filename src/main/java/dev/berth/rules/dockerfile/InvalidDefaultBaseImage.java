package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.ArgDecl;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Expander;
import dev.berth.dockerfile.Expansion;
import dev.berth.dockerfile.ImageRef;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.StageResolver;
import dev.berth.dockerfile.Vars;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * BuildKit's InvalidDefaultArgInFrom ({@code validateBaseImagesWithDefaultArgs}): with no
 * {@code --build-arg}, the global ARGs' defaults make a FROM image that is not a valid reference
 * ({@code ARG TAG} then {@code FROM busybox:$TAG} gives {@code busybox:}), so a plain
 * {@code docker build} fails. BuildKit's automatic platform arguments get a Linux amd64 builder's
 * values here; an image that depends on {@code TARGETSTAGE} is not judged. A FROM using a
 * variable no ARG declares is BTH015's finding, not this one.
 *
 * <p>Unlike BuildKit, a FROM without variables is not judged: an invalid constant reference
 * ({@code FROM Builder}) fails every build whatever the arguments, which is not a question of ARG
 * defaults.
 *
 * <p>Style, not bug: the build never silently does something else; without the argument it stops
 * at once with "invalid reference format", and every case seen in real projects is a Dockerfile
 * deliberately built only by a script or compose file that passes the argument. The finding says
 * the Dockerfile cannot be built on its own.
 */
@RuleMeta(
    id = "BTH022",
    summary = "With only ARG defaults, a FROM image is not a valid reference, so a plain build fails",
    severity = Severity.NOTE,
    category = Category.STYLE,
    precision = Precision.VERY_HIGH,
    aliases = {"InvalidDefaultArgInFrom"})
public final class InvalidDefaultBaseImage implements DockerfileRule {
  /** The automatic platform arguments on a linux/amd64 builder building for itself. */
  private static final Map<String, String> PLATFORM = Map.of("BUILDPLATFORM", "linux/amd64",
      "BUILDOS", "linux", "BUILDOSVERSION", "", "BUILDARCH", "amd64", "BUILDVARIANT", "",
      "TARGETPLATFORM", "linux/amd64", "TARGETOS", "linux", "TARGETOSVERSION", "",
      "TARGETARCH", "amd64", "TARGETVARIANT", "");

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    Expander ex = new Expander(dockerfile.escape());
    Map<String, ArgDecl> withoutDefault = new LinkedHashMap<>();
    Vars defaults = defaults(dockerfile, ex, withoutDefault);
    Vars declared = StageResolver.globalArgs(dockerfile, null);
    for (Stage stage : dockerfile.stages()) {
      String image = stage.from().image().text();
      // No variable, no default involved: an invalid constant reference is another cause.
      if (image.indexOf('$') < 0) continue;
      if (!ex.word(image, declared).unset().isEmpty()) continue; // BTH015
      Expansion e = ex.word(image, defaults);
      if (!e.known()) continue;
      String result = e.value();
      if (!result.isEmpty() && ImageRef.parse(result).isPresent()) continue;
      RuleContext.Report r = ctx.report(stage.from().image().range(), message(image, result));
      for (String name : e.unset()) {
        ArgDecl d = withoutDefault.get(name);
        if (d != null) r.related(d.range(), "ARG " + name + " has no default");
      }
    }
  }

  /** The global scope of a build with no build arguments ({@code buildMetaArgs(…, nil)}). */
  private static Vars defaults(Dockerfile df, Expander ex, Map<String, ArgDecl> withoutDefault) {
    Vars v = Vars.of(PLATFORM).with("TARGETSTAGE", Optional.empty());
    for (Instruction.Arg arg : df.metaArgs()) {
      for (ArgDecl d : arg.declarations()) {
        String name = d.name().text();
        if (d.defaultValue().isEmpty()) {
          withoutDefault.put(name, d);
          continue;
        }
        Expansion e = ex.word(d.defaultValue().get().text(), v);
        v = v.with(name, e.knownValue());
        withoutDefault.remove(name);
      }
    }
    return v;
  }

  public static String message(String written, String result) {
    return "without --build-arg, FROM " + written + " becomes "
        + (result.isEmpty() ? "an empty image name" : "'" + result + "'")
        + ", which is not a valid image reference: a plain docker build fails";
  }
}
