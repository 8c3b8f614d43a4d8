package dev.berth.evidence;

import dev.berth.context.Paths;
import dev.berth.project.Project;
import dev.berth.project.SafeRead;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dockerfiles a Java build tool copies into its output, where the image is then built beside
 * what the build assembled: the context of such a Dockerfile is that output, which holds files
 * the repository does not.
 *
 * <p>Maven: a directory the module's pom.xml copies as resources before a Docker Maven plugin
 * builds the image there (apache/nifi's nifi-toolkit-assembly: maven-resources-plugin copies
 * {@code docker/} to {@code target/docker-build}, an antrun step adds the assembled zip, and
 * docker-maven-plugin builds with {@code <contextDir>${project.basedir}/target/docker-build};
 * maven.apache.org plugins maven-resources-plugin copy-resources:
 * {@code <resources><resource><directory>}).
 *
 * <p>Gradle: a Dockerfile the build.gradle beside it names in a copy spec: openremote's
 * manager/build.gradle puts {@code include("*Dockerfile", ...)} from the project directory into
 * the distribution (build/install/manager, beside lib/ and web/), and its deployment/build.gradle
 * a Copy of {@code from "Dockerfile"} into build/ beside image/ (docs.gradle.org, "Working With
 * Files": copy specs' {@code from} and {@code include}; the Distribution plugin's
 * {@code distributions { main { contents { ... } } } }).
 */
public final class BuildToolCopies {
  private static final long MAX_BYTES = 512 * 1024;
  /** fabric8's and Spotify's Docker Maven plugins. */
  private static final Pattern DOCKER_PLUGIN = Pattern.compile(
      "<artifactId>\\s*(?:docker-maven-plugin|dockerfile-maven-plugin)\\s*</artifactId>");
  private static final Pattern DIRECTORY = Pattern.compile(
      "<directory>\\s*(?:\\$\\{(?:project\\.)?basedir\\}/)?([^<$\\s]{1,200})\\s*</directory>");
  /** A string a copy spec's {@code from} or {@code include} takes: {@code from "Dockerfile"}. */
  private static final Pattern SPEC_STRING = Pattern.compile(
      "\\b(?:from|include)\\s*\\(?\\s*(?:[\"'][^\"'\\n]{0,200}[\"']\\s*,\\s*){0,8}"
      + "[\"']([^\"'\\n]{1,200})[\"']");

  /** How many directories above a Dockerfile's are searched for the module's pom.xml. */
  private static final int MAX_ANCESTORS = 4;

  private final Project project;
  /** Per pom.xml: the directories it copies as resources when it builds an image, else none. */
  private final Map<String, Set<String>> byPom = new ConcurrentHashMap<>();
  /** Build files' texts, "" when absent or unreadable. */
  private final Map<String, String> texts = new ConcurrentHashMap<>();

  private BuildToolCopies(Project project) {
    this.project = project;
  }

  public static BuildToolCopies of(Project project) {
    return project.fact(BuildToolCopies.class, BuildToolCopies::new);
  }

  /** A Maven or Gradle build copies the Dockerfile into its output before the image is built. */
  public boolean copiedBeforeBuild(String dockerfile) {
    return copiedByMaven(dockerfile) || copiedByGradle(dockerfile);
  }

  /**
   * The Dockerfile's directory is one that the pom.xml of its module (its directory or one of
   * the few above) copies before a Docker Maven plugin builds the image.
   */
  private boolean copiedByMaven(String dockerfile) {
    String dir = Paths.parent(dockerfile);
    String d = dir;
    for (int i = 0; i <= MAX_ANCESTORS; i++) {
      String pom = d.isEmpty() ? "pom.xml" : d + "/pom.xml";
      if (byPom.computeIfAbsent(pom, this::copies).contains(dir)) return true;
      if (d.isEmpty()) break;
      d = Paths.parent(d);
    }
    return false;
  }

  private Set<String> copies(String pom) {
    String text = text(pom);
    if (!text.contains("maven-plugin") || !DOCKER_PLUGIN.matcher(text).find()) return Set.of();
    Set<String> out = new HashSet<>();
    String dir = Paths.parent(pom);
    Matcher m = DIRECTORY.matcher(text);
    while (m.find()) {
      String d = m.group(1);
      if (d.startsWith("/") || d.contains("..")) continue;
      out.add(Paths.clean(dir.isEmpty() ? d : dir + "/" + d));
    }
    return Set.copyOf(out);
  }

  /**
   * The build.gradle (or build.gradle.kts) beside the Dockerfile names it, by name or by a
   * pattern that matches it ({@code *Dockerfile}), in a {@code from} or {@code include}.
   */
  private boolean copiedByGradle(String dockerfile) {
    String dir = Paths.parent(dockerfile);
    String name = Paths.name(dockerfile);
    if (!dir.isEmpty() && copiedByRootGradle(dir)) return true;
    for (String build : new String[] {"build.gradle", "build.gradle.kts"}) {
      String text = text(dir.isEmpty() ? build : dir + "/" + build);
      if (text.isEmpty() || !text.contains("Dockerfile") && !text.contains(name)) continue;
      Matcher m = SPEC_STRING.matcher(text);
      while (m.find()) {
        // every string of the call: from("a") / include("*Dockerfile", "entrypoint.sh")
        for (String s : m.group().split("[\"']")) {
          String g = s.trim();
          if (g.isEmpty() || g.contains("(") || g.equals(",")) continue;
          if (g.equals(name) || dev.berth.context.GoGlob.isValid(g)
              && dev.berth.context.GoGlob.match(g, name)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * A Gradle script of the root project (build.gradle, or one it applies from gradle/) that
   * builds images copies the Dockerfile's whole directory, named root-relative in a copy spec's
   * {@code from}, into the context it assembles: tolgee's gradle/docker.gradle,
   * {@code copy { from(tasks.unpack.outputs, 'docker/app'); into("${buildDir}/docker") }}, then
   * {@code docker build} there.
   */
  private boolean copiedByRootGradle(String dir) {
    List<String> scripts = new java.util.ArrayList<>(List.of("build.gradle", "build.gradle.kts"));
    project.fileTree().children("gradle")
        .filter(e -> e.kind() == dev.berth.project.FileTree.Kind.FILE
            && (e.name().endsWith(".gradle") || e.name().endsWith(".gradle.kts")))
        .limit(50).forEach(e -> scripts.add(e.path()));
    for (String script : scripts) {
      String text = text(script);
      if (text.isEmpty() || !text.contains("docker") || !text.contains(dir)) continue;
      Matcher m = FROM_CALL.matcher(text);
      while (m.find()) {
        // the quoted strings of the call: from(tasks.unpack.outputs, 'docker/app')
        String[] parts = m.group().split("[\"']", -1);
        for (int i = 1; i < parts.length; i += 2) {
          if (Paths.clean(parts[i].trim()).equals(dir)) return true;
        }
      }
    }
    return false;
  }

  /** A copy spec's {@code from} call or statement, to the end of its line or parenthesis. */
  private static final Pattern FROM_CALL = Pattern.compile("\\bfrom\\s*+\\(?+[^)\\n]{0,200}+");

  /** pom.xml files read for the artifacts they build, at most. */
  private static final int MAX_POMS = 300;
  private volatile Map<String, String> artifacts;
  private static final Pattern PARENT = Pattern.compile("(?s)<parent>.*?</parent>");
  private static final Pattern ARTIFACT_ID = Pattern.compile("<artifactId>\\s*([^<\\s$]+)\\s*</artifactId>");
  private static final Pattern VERSION = Pattern.compile("<version>\\s*([^<\\s$]+)\\s*</version>");
  private static final Pattern FINAL_NAME = Pattern.compile("<finalName>\\s*([^<\\s$]+)\\s*</finalName>");

  /**
   * The pom.xml of the repository whose module's jar has this file name: {@code
   * <artifactId>-<version>.jar}, the name `mvn package` gives it (or its {@code <finalName>}.jar;
   * maven.apache.org, the POM's build.finalName default ${artifactId}-${version}). macrozheng/mall's
   * document/sh/Dockerfile adds mall-admin-1.0-SNAPSHOT.jar, which mall-admin/pom.xml builds.
   */
  public java.util.Optional<String> mavenArtifact(String fileName) {
    if (!fileName.endsWith(".jar")) return java.util.Optional.empty();
    Map<String, String> known = artifacts;
    if (known == null) {
      Map<String, String> out = new java.util.HashMap<>();
      project.fileTree().all().filter(e -> e.path().endsWith("pom.xml")
              && (e.path().equals("pom.xml") || e.path().endsWith("/pom.xml")))
          .limit(MAX_POMS).forEach(e -> {
            String text = text(e.path());
            String parent = "";
            Matcher pm = PARENT.matcher(text);
            if (pm.find()) parent = pm.group();
            String own = PARENT.matcher(text).replaceFirst("");
            // the project's own coordinates come first, before its sections
            int end = own.length();
            for (String section : List.of("<properties>", "<modules>", "<dependencyManagement>",
                "<dependencies>", "<build>", "<profiles>", "<repositories>")) {
              int at = own.indexOf(section);
              if (at >= 0) end = Math.min(end, at);
            }
            String header = own.substring(0, end);
            Matcher a = ARTIFACT_ID.matcher(header);
            Matcher v = VERSION.matcher(header);
            Matcher pv = VERSION.matcher(parent);
            if (!a.find()) return;
            String version = v.find() ? v.group(1) : pv.find() ? pv.group(1) : null;
            Matcher f = FINAL_NAME.matcher(own);
            if (f.find()) out.putIfAbsent(f.group(1) + ".jar", e.path());
            if (version != null) out.putIfAbsent(a.group(1) + "-" + version + ".jar", e.path());
          });
      known = artifacts = Map.copyOf(out);
    }
    return java.util.Optional.ofNullable(known.get(fileName));
  }

  private String text(String path) {
    return texts.computeIfAbsent(path, p -> !project.fileTree().isFile(p) ? ""
        : SafeRead.read(project.root(), project.fileTree(), p, MAX_BYTES)
            instanceof SafeRead.Text t ? t.file().text() : "");
  }
}
