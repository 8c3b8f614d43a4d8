package dev.berth.dockerfile;

import dev.berth.source.Range;
import java.util.Optional;

/** One name of an ARG instruction, with its default if any ({@code ARG A=1 B}). */
public record ArgDecl(Word name, Optional<Word> defaultValue, Range range) {}
