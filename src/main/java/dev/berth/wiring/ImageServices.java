package dev.berth.wiring;

import dev.berth.compose.Located;
import dev.berth.compose.Service;
import dev.berth.image.BaseImage;
import dev.berth.image.BaseImageCatalog;
import dev.berth.image.ContainerProcess;
import dev.berth.programs.Invocation;
import dev.berth.programs.ProgramCatalog;
import dev.berth.runtime.Environment;
import dev.berth.runtime.Proc;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a Compose service that only names an image (no {@code build}, no {@code entrypoint:} or
 * {@code command:}) listens: the image's default command from the base-image catalog (an official
 * image's ENTRYPOINT and CMD, each entry citing its Dockerfile), placed with the program catalog's
 * {@code listens} entry and the service's environment. So an image-only {@code postgres:16}
 * service serves 5432. Empty when the catalog does not know the image's default command, the
 * program's listen defaults, or a value they depend on; configuration files are never assumed
 * absent (a bind-mounted redis.conf or my.cnf may change the port), so a program whose port a
 * file may set stays unknown.
 */
public final class ImageServices {
  private ImageServices() {}

  /** The listeners the service's image-only container is known to have. */
  public static Optional<List<Listener>> of(Service s) {
    if (s.build().isPresent() || s.image().isEmpty() || s.command().isPresent()
        || s.entrypoint().isPresent()) {
      return Optional.empty();
    }
    Located<String> image = s.image().get();
    if (image.value().contains("$")) return Optional.empty();
    Optional<BaseImage> base = BaseImageCatalog.standard().lookup(image.value());
    Optional<BaseImage.Entrypoint> e = base.flatMap(BaseImage::entrypoint);
    if (e.isEmpty()) return Optional.empty();
    // The entrypoint script of an official server image ends in exec "$@": CMD is what runs.
    List<String> argv = e.get().argv().isEmpty() || e.get().execs().isPresent()
        ? e.get().cmd().orElse(List.of()) : e.get().argv();
    if (argv.isEmpty()) return Optional.empty();
    String repository = base.get().ref().repository();
    Optional<Invocation> inv = ProgramCatalog.standard().match(argv, Optional.of(repository));
    // nginx listens where its configuration says, which Listeners reads from the container's
    // files (NginxSetup); a service's mounts may replace the image's configuration.
    if (inv.isEmpty() || inv.get().program().names().contains("nginx")) return Optional.empty();
    Environment env = environment(base.get(), s);
    Proc proc = new Proc(argv, new ContainerProcess.Source("the default command of image "
        + image.value(), image.range(), false), List.of(), Optional.empty(), Optional.empty(),
        Map.of(), inv, false);
    return ListenArgs.of(inv.get(), env, UNREAD_FILES, Proc::unknownWord)
        .map(binds -> binds.stream().map(b -> new Listener(proc, b, image.range(),
            proc.display() + " (the default command of image " + image.value() + ")")).toList());
  }

  /** The image's ENV from the catalog, then the service's env_file and environment. */
  private static Environment environment(BaseImage base, Service s) {
    Map<String, String> known = new HashMap<>(base.env());
    Set<String> unknown = new HashSet<>();
    for (Map.Entry<String, Located<Optional<String>>> v : s.environment().entrySet()) {
      if (v.getValue().value().isPresent()) {
        known.put(v.getKey(), v.getValue().value().get());
        unknown.remove(v.getKey());
      } else {
        unknown.add(v.getKey());
      }
    }
    return new Environment(known, unknown, s.environment().keySet());
  }

  /** The image's own files are not read: each may exist and its content is unknown. */
  private static final ListenArgs.Files UNREAD_FILES = new ListenArgs.Files() {
    @Override
    public boolean mayExist(String path) {
      return true;
    }

    @Override
    public Optional<String> read(String path) {
      return Optional.empty();
    }
  };
}
