/** Where locks live: /Shared is readable and writable by every workspace user, the dot keeps it out of sight. */
export const LOCK_DIR = "/Shared/.jobform/locks";
