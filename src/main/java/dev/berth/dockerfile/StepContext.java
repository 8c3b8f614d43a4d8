package dev.berth.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * The build state an instruction runs in: what RUN executes as, where relative COPY destinations
 * land, which variables expand. Taken just before the instruction.
 *
 * @param user empty when not set by this Dockerfile (the base image's user applies)
 */
public record StepContext(Vars vars, Optional<Fact<UserSpec>> user, Fact<String> workdir,
    Fact<List<String>> shell) {}
