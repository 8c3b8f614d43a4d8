/**
 * The simulated image: what each build stage's filesystem looks like (owners, modes, accounts,
 * PATH) and what a running container of it sees.
 *
 * <ul>
 *   <li>{@link dev.berth.image.BaseImageCatalog}: offline facts about base images, from
 *       {@code berth/images/base-images.yaml}; unknown images stay unknown.
 *   <li>{@link dev.berth.image.shell.ShellScript}: RUN scripts parsed into simple commands with
 *       offsets; anything beyond the subset is reported as unparsed, never guessed.
 *   <li>{@link dev.berth.image.ImageFilesystem}: path → {@link dev.berth.image.Node} with the
 *       {@link dev.berth.image.Origin} of its owner and mode, the accounts, and permission
 *       queries ({@code canTraverse/canExecute/canRead/canWrite}) answering YES, NO (with the
 *       blocking path) or UNKNOWN.
 *   <li>{@link dev.berth.image.Stages}: the project fact holding each Dockerfile's resolved stages
 *       (USER, WORKDIR, ARG, ENV, SHELL, ENTRYPOINT/CMD, parent, ONBUILD triggers), with the
 *       catalog's ENV and WORKDIR for known base images; everything else reads these.
 *   <li>{@link dev.berth.image.StageSimulation}: one stage replayed instruction by instruction
 *       from its resolved facts; {@link dev.berth.image.ImageSimulation} is the project fact
 *       holding all of them.
 *   <li>{@link dev.berth.image.ContainerView}: the final filesystem with runtime mounts and user;
 *       {@link dev.berth.image.ContainerProcess}: ENTRYPOINT + CMD as Docker combines them.
 *   <li>{@link dev.berth.runtime.Containers}: the project fact for Compose: each service
 *       built from a project Dockerfile as the container it really runs ({@code build.target},
 *       {@code build.args}, {@code user:}, volumes, tmpfs, {@code working_dir:},
 *       {@code entrypoint:}/{@code command:}).
 *   <li>{@link dev.berth.image.RuntimeWrites}: what known programs write as they start;
 *       {@link dev.berth.image.MountEffects}: which bind mount a path is in, what a bind mount
 *       hides of the image, the runtime user's HOME.
 *   <li>{@link dev.berth.image.EntrypointScripts}: the text of an ENTRYPOINT script (from the
 *       build context, read bounded and inside the root, or a COPY heredoc) and whether it drops
 *       privileges.
 * </ul>
 */
package dev.berth.image;
