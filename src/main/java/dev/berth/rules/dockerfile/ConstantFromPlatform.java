package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Expander;
import dev.berth.dockerfile.Expansion;
import dev.berth.dockerfile.Flag;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.Vars;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * BuildKit's FromPlatformFlagConstDisallowed ({@code reportConstPlatformDisallowed}): {@code FROM
 * --platform=linux/amd64} with a constant, which pins the stage to one platform in every build,
 * multi-platform ones included. As in BuildKit, a value with a variable is fine, and so is a stage
 * whose name contains the platform's OS or architecture ({@code AS build_amd64}), which says it is
 * meant for that platform. The platform is read like containerd's {@code platforms.Parse}: a value
 * it cannot parse fails the build instead and is not reported here.
 */
@RuleMeta(
    id = "BTH023",
    summary = "FROM --platform with a constant pins the stage to one platform",
    severity = Severity.NOTE,
    category = Category.STYLE,
    precision = Precision.VERY_HIGH,
    aliases = {"FromPlatformFlagConstDisallowed", "DL3029"})
public final class ConstantFromPlatform implements DockerfileRule {
  private static final Pattern COMPONENT = Pattern.compile("[A-Za-z0-9_.-]+");
  /** containerd's known operating systems and architectures (platforms/database.go). */
  private static final Set<String> OSES = Set.of("aix", "android", "darwin", "dragonfly",
      "freebsd", "hurd", "illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd", "plan9",
      "solaris", "windows", "zos", "wasip1");
  private static final Set<String> ARCHES = Set.of("386", "amd64", "amd64p32", "arm", "armbe",
      "arm64", "arm64be", "ppc64", "ppc64le", "loong64", "mips", "mipsle", "mips64", "mips64le",
      "mips64p32", "mips64p32le", "ppc", "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64",
      "wasm");

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    Expander ex = new Expander(dockerfile.escape());
    for (Stage stage : dockerfile.stages()) {
      Optional<Flag> flag = stage.from().flag("platform");
      if (flag.isEmpty() || flag.get().value().isEmpty()) continue;
      String written = flag.get().value().get();
      if (written.indexOf('$') >= 0) continue;
      Expansion e = ex.word(written, Vars.empty());
      if (!e.known()) continue;
      Optional<String[]> osArch = parse(e.value());
      if (osArch.isEmpty()) continue;
      String name = stage.name().orElse("");
      String arch = osArch.get()[1];
      if (name.contains(osArch.get()[0])) continue;
      if (arch == null ? ARCHES.stream().anyMatch(name::contains) : name.contains(arch)) continue;
      ctx.report(flag.get().range(), message(e.value()));
    }
  }

  /** OS and architecture as containerd normalises them, or empty when it refuses the value. */
  static Optional<String[]> parse(String specifier) {
    if (specifier.isEmpty() || specifier.contains("*")) return Optional.empty();
    String[] parts = specifier.split("/", -1);
    for (String p : parts) {
      if (!COMPONENT.matcher(p).matches()) return Optional.empty();
    }
    return switch (parts.length) {
      case 1 -> {
        String os = os(parts[0]);
        // The architecture is then the builder's, which berth does not know (null).
        if (OSES.contains(os)) yield Optional.of(new String[] {os, null});
        String arch = arch(parts[0]);
        // The OS is the builder's: BuildKit runs on Linux.
        yield ARCHES.contains(arch) ? Optional.of(new String[] {"linux", arch}) : Optional.empty();
      }
      case 2, 3 -> Optional.of(new String[] {os(parts[0]), arch(parts[1])});
      default -> Optional.empty();
    };
  }

  private static String os(String s) {
    String os = s.toLowerCase(Locale.ROOT);
    return os.equals("macos") ? "darwin" : os;
  }

  private static String arch(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "i386" -> "386";
      case "x86_64", "x86-64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "armhf", "armel", "arm" -> "arm";
      default -> s.toLowerCase(Locale.ROOT);
    };
  }

  public static String message(String platform) {
    return "FROM --platform=" + platform + " pins this stage to one platform in every build: "
        + "use a variable ($BUILDPLATFORM, $TARGETPLATFORM) or name the stage for its platform";
  }
}
