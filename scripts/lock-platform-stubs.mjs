// The registry mirror our machines use serves only the Linux builds of packages that ship one native
// binary per platform (rollup's, esbuild's); npm then leaves the other platforms out of package-lock.json
// and `npm ci` refuses the lock as out of sync. This adds each missing optional platform package as a
// lock entry restricted to its os/cpu, so npm ci on Linux skips them without fetching and a developer
// on another platform still gets a lock that names them. Run after `npm install` changes the lock, then
// `npm install` once more so npm writes the file in its own order (the result is then stable).
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;
const OS = ["android", "darwin", "freebsd", "linux", "netbsd", "openbsd", "openharmony", "sunos", "win32", "aix"];
const CPU = ["arm64", "arm", "x64", "ia32", "loong64", "ppc64", "riscv64", "s390x", "mips64el"];
let added = 0;
for (const [path, meta] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(meta.optionalDependencies ?? {})) {
    const at = `${path ? path + "/" : ""}node_modules/${name}`;
    if (packages[at] || packages[`node_modules/${name}`]) continue;
    const os = OS.find((o) => name.includes(`-${o}-`) || name.endsWith(`-${o}`)) ?? (name === "fsevents" ? "darwin" : undefined);
    const cpu = CPU.find((c) => name.includes(`-${c}-`) || name.endsWith(`-${c}`) || name.includes(`-${c}`));
    if (!os) continue;
    packages[`node_modules/${name}`] = { version: range.replace(/^[~^]/, ""), dev: meta.dev, optional: true, os: [os], ...(cpu ? { cpu: [cpu] } : {}) };
    added++;
  }
}
writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
console.log(`added ${added} platform stubs`);
