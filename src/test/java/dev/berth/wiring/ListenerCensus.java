package dev.berth.wiring;

import dev.berth.config.BerthConfig;
import dev.berth.project.Project;
import dev.berth.project.ProjectLoader;
import dev.berth.runtime.Proc;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Not a test: a measuring tool for the realworld snapshots. For each project root given, one line
 * per container: project, service or Dockerfile, whether every listener is known, and the
 * processes berth could not place (name and where they come from); then one line per Compose
 * service that only names an image, saying whether its image's default command is known to listen
 * ({@link ImageServices}). Run with the test classpath:
 * {@code java -cp target/classes:target/test-classes:DEPS dev.berth.wiring.ListenerCensus ROOT...}.
 */
public final class ListenerCensus {
  private ListenerCensus() {}

  public static void main(String[] args) throws IOException {
    for (String a : args) {
      Path root = Path.of(a);
      Project p;
      try {
        p = ProjectLoader.load(root, List.of(), BerthConfig.defaults());
      } catch (RuntimeException e) {
        System.out.println(root.getFileName() + "\t-\tERROR\t" + e);
        continue;
      }
      // Services that only name an image: no container of the project, perhaps a known default.
      for (dev.berth.compose.ComposeProject cp : p.composeProjects()) {
        for (dev.berth.compose.Service s : cp.services().values()) {
          if (s.build().isPresent()) continue;
          System.out.println(root.getFileName() + "\timage-only " + s.serviceName() + " "
              + s.image().map(i -> i.value()).orElse("?") + "\t"
              + ImageServices.of(p, s).map(l -> "DEFAULT\t" + l.size()).orElse("unknown\t0"));
        }
      }
      for (Listeners.Of of : Listeners.of(p).all()) {
        String who = of.container().service().map(s -> "service " + s.name().value())
            .orElse("dockerfile") + " " + of.container().dockerfile().path();
        StringBuilder unknown = new StringBuilder();
        for (Proc u : of.unknown()) {
          unknown.append(u.name().isEmpty() ? "(none)" : u.name().replace("\u0000", "$").replace("\n", " "))
              .append(u.program().isPresent() ? "[catalog]" : "")
              .append('@').append(u.chain().isEmpty() ? u.source().label()
                  : u.chain().get(u.chain().size() - 1).at().file()
                      + ":" + u.chain().get(u.chain().size() - 1).at().startLine())
              .append(' ');
        }
        if (System.getenv("CENSUS_PROCS") != null) {
          for (Proc q : of.container().processes()) {
            System.out.println("  proc " + q.argv() + " program=" + q.program().isPresent()
                + " chain=" + q.chain().stream().map(st -> st.what()).toList());
          }
        }
        System.out.println(root.getFileName() + "\t" + who + "\t"
            + (of.complete() ? "COMPLETE" : "partial") + "\t"
            + of.container().imageRepository().orElse("?") + "\t" + of.listeners().size() + "\t"
            + unknown.toString().strip());
      }
    }
  }
}
