package dev.berth.dockerfile;

import dev.berth.source.Range;

/**
 * A here-document attached to RUN, COPY or ADD.
 *
 * @param stripTabs {@code <<-EOF}: leading tabs removed from body lines
 * @param expand false when the delimiter was quoted: no variable expansion in the body
 * @param body the content lines (after tab stripping), each ending in a newline
 * @param range the body lines, from the line after the instruction to the line before the delimiter
 */
public record Heredoc(String delimiter, boolean stripTabs, boolean expand, String body, Range range) {}
