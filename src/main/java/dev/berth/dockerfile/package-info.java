/**
 * The Dockerfile model and a BuildKit-faithful parser.
 *
 * <ul>
 *   <li>{@link dev.berth.dockerfile.DockerfileParser#parse} turns a {@code SourceFile} into a
 *       {@link dev.berth.dockerfile.Dockerfile}; it never throws. Layers: {@code PreLexer} (directives,
 *       comments, continuations, heredoc bodies) → ANTLR grammar in {@code grammar/} (keyword, flags,
 *       argument text of one logical line) → {@code InstructionBuilder} (typed records, BuildKit's
 *       argument rules and error messages).
 *   <li>{@link dev.berth.dockerfile.Expander} does BuildKit's variable expansion; results are
 *       {@link dev.berth.dockerfile.Expansion}s over {@link dev.berth.dockerfile.Vars} that tell set,
 *       unset and declared-but-unknown variables apart.
 *   <li>{@link dev.berth.dockerfile.StageResolver} computes {@link dev.berth.dockerfile.StageFacts}
 *       per stage (ARG scope, ENV, USER, WORKDIR, SHELL, EXPOSE, ENTRYPOINT/CMD, HEALTHCHECK),
 *       each a {@link dev.berth.dockerfile.Fact} with the range of the instruction that set it.
 *   <li>{@link dev.berth.dockerfile.ImageRef} parses image references.
 *   <li>{@link dev.berth.dockerfile.ModelDump} prints the model for golden tests and debugging.
 * </ul>
 *
 * <p>Conventions: {@code Word.text()} is BuildKit's token (continuations joined, JSON strings
 * decoded, shell-form quotes kept, not expanded). COPY/ADD {@code sources()} exclude heredoc
 * markers ({@code <<EOF}); their bodies are in {@code heredocs()}. RUN's shell form keeps the
 * marker in the script ({@code python3 <<EOF}) and the bodies in {@code heredocs()}.
 */
package dev.berth.dockerfile;
