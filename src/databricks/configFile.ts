/** The sections of a `~/.databrickscfg` (INI): section name → key → value. */
export type ConfigFile = Map<string, Record<string, string>>;

/** Parses the INI dialect the SDKs read: `[profile]`, `key = value`, `#`/`;` comment lines. */
export function parseConfigFile(text: string): ConfigFile {
  const sections: ConfigFile = new Map();
  let current: Record<string, string> | undefined;
  for (const raw of text.replace(/^\uFEFF/, "").split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header?.[1]) {
      const name = header[1].trim();
      current = sections.get(name) ?? {};
      sections.set(name, current);
      continue;
    }
    const eq = line.indexOf("=");
    if (eq <= 0 || !current) continue;
    current[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
  }
  return sections;
}
