package dev.berth.evidence;

import dev.berth.context.Paths;
import dev.berth.project.Project;
import dev.berth.project.SafeRead;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Directories a Maven build copies as resources into its output before a Docker Maven plugin
 * builds the image there (apache/nifi's nifi-toolkit-assembly: maven-resources-plugin copies
 * {@code docker/} to {@code target/docker-build}, an antrun step adds the assembled zip, and
 * docker-maven-plugin builds with {@code <contextDir>${project.basedir}/target/docker-build}).
 * A Dockerfile in such a directory is built from that copy: its context is the build's output,
 * which holds files the repository does not (maven.apache.org plugins maven-resources-plugin
 * copy-resources: {@code <resources><resource><directory>}).
 */
public final class MavenDockerCopies {
  private static final long MAX_BYTES = 512 * 1024;
  /** fabric8's and Spotify's Docker Maven plugins. */
  private static final Pattern DOCKER_PLUGIN = Pattern.compile(
      "<artifactId>\\s*(?:docker-maven-plugin|dockerfile-maven-plugin)\\s*</artifactId>");
  private static final Pattern DIRECTORY = Pattern.compile(
      "<directory>\\s*(?:\\$\\{(?:project\\.)?basedir\\}/)?([^<$\\s]{1,200})\\s*</directory>");

  /** How many directories above a Dockerfile's are searched for the module's pom.xml. */
  private static final int MAX_ANCESTORS = 4;

  private final Project project;
  /** Per pom.xml: the directories it copies as resources when it builds an image, else none. */
  private final Map<String, Set<String>> byPom = new ConcurrentHashMap<>();

  private MavenDockerCopies(Project project) {
    this.project = project;
  }

  public static MavenDockerCopies of(Project project) {
    return project.fact(MavenDockerCopies.class, MavenDockerCopies::new);
  }

  /**
   * The Dockerfile's directory is one that the pom.xml of its module (its directory or one of
   * the few above) copies before a Docker Maven plugin builds the image.
   */
  public boolean copiedBeforeBuild(String dockerfile) {
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
    if (!project.fileTree().isFile(pom)
        || !(SafeRead.read(project.root(), project.fileTree(), pom, MAX_BYTES)
            instanceof SafeRead.Text t)) {
      return Set.of();
    }
    String text = t.file().text();
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
}
