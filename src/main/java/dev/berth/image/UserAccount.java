package dev.berth.image;

import dev.berth.source.Range;
import java.util.Optional;

/**
 * One /etc/passwd entry.
 *
 * @param maybe exists in some but not all images the base entry matches: never a basis for a
 *     finding
 * @param createdBy the instruction that created it, empty for base-image accounts
 */
public record UserAccount(String name, int uid, int gid, String home, String shell, boolean maybe,
    Optional<Range> createdBy) {}
