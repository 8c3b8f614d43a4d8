package dev.berth.image;

import java.util.Optional;

/**
 * Runtime mounts that decide writes. What programs write as they start is the program catalog's
 * ({@code dev.berth.runtime.StartWrites}).
 */
public final class RuntimeWrites {
  private RuntimeWrites() {}

  /**
   * The named or anonymous volume the runtime (Compose) mounts at {@code path}, not counting the
   * anonymous volumes the image's own VOLUME instructions make.
   */
  public static Optional<ContainerView.Mount> runtimeVolumeAt(ContainerView view, String path) {
    String p = ImageFilesystem.normalize(path);
    return view.mounts().stream()
        .filter(m -> m.kind() == ContainerView.Mount.Kind.VOLUME
            || m.kind() == ContainerView.Mount.Kind.ANONYMOUS_VOLUME)
        .filter(m -> view.stage().volumes().stream().noneMatch(v -> v.range().equals(m.range())))
        .filter(m -> ImageFilesystem.normalize(m.target()).equals(p))
        .findFirst();
  }
}
