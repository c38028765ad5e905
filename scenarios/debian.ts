/**
 * The Debian 12 package index (../shared/traces/debian): manifests with sizes and dependencies,
 * the virtual names packages provide, reverse dependencies, and dependency closures. Loaded once
 * per scenario (streamed from the CSV files); it is a catalogue the install and update generators
 * draw from, not a trace replayed in time.
 */
import { csvRows } from './csv.js';

export interface DebianPackage {
  name: string;
  version: string;
  priority: string;
  installedKiB: number;
  downloadBytes: number;
  /** Depends and Pre-Depends (first alternative of each group). */
  depends: string[];
}

export class DebianIndex {
  readonly packages = new Map<string, DebianPackage>();
  /** Virtual name → the first package that provides it. */
  readonly providers = new Map<string, string>();
  /** Package → how many packages depend on it. */
  readonly dependents = new Map<string, number>();
  /** Dependency names that resolve to nothing (treated as satisfied, as the README says). */
  readonly unresolved = new Set<string>();
  /** Rows read from packages.csv (names appearing twice keep their first version). */
  rows = 0;
  private closures = new Map<string, readonly string[]>();

  static async load(packagesPath: string, providesPath?: string): Promise<DebianIndex> {
    const index = new DebianIndex();
    const list = (s: string | undefined) => (s ? s.split(';').filter((x) => x !== '') : []);
    for await (const [row] of csvRows(packagesPath)) {
      index.rows++;
      if (index.packages.has(row.package)) continue;
      const size = Number(row.installed_size_kib);
      index.packages.set(row.package, {
        name: row.package,
        version: row.version,
        priority: row.priority,
        installedKiB: Number.isFinite(size) && row.installed_size_kib !== '' ? size : 0,
        downloadBytes: Number(row.download_size_bytes) || 0,
        depends: [...list(row.pre_depends), ...list(row.depends)],
      });
    }
    if (providesPath) {
      for await (const [row] of csvRows(providesPath)) {
        for (const v of list(row.provides)) if (!index.providers.has(v)) index.providers.set(v, row.package);
      }
    }
    for (const p of index.packages.values()) {
      for (const d of new Set(p.depends.map((x) => index.resolve(x) ?? x))) {
        index.dependents.set(d, (index.dependents.get(d) ?? 0) + 1);
      }
    }
    return index;
  }

  /** The package a dependency name means (itself, or its first provider), or undefined. */
  resolve(name: string): string | undefined {
    if (this.packages.has(name)) return name;
    return this.providers.get(name);
  }

  /** The package and everything it needs, transitively (names, the package first). */
  closure(name: string): readonly string[] {
    const cached = this.closures.get(name);
    if (cached) return cached;
    const seen = new Set<string>();
    const stack = [name];
    while (stack.length > 0) {
      const n = stack.pop() as string;
      const p = this.resolve(n);
      if (p === undefined) {
        this.unresolved.add(n);
        continue;
      }
      if (seen.has(p)) continue;
      seen.add(p);
      for (const d of this.packages.get(p)!.depends) stack.push(d);
    }
    const out = [...seen];
    this.closures.set(name, out);
    return out;
  }
}

/**
 * How far apart two Debian versions are: 3 a major upstream change, 2 minor, 1 a later upstream
 * component, 0 a packaging revision only (e.g. a security rebuild +deb12u5).
 */
export function versionDistance(from: string, to: string): number {
  const upstream = (v: string) => {
    const noEpoch = v.includes(':') ? v.slice(v.indexOf(':') + 1) : v;
    const dash = noEpoch.lastIndexOf('-');
    return (dash > 0 ? noEpoch.slice(0, dash) : noEpoch).split(/[.+~]/);
  };
  const a = upstream(from);
  const b = upstream(to);
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i === 0 ? 3 : i === 1 ? 2 : 1;
  return 0;
}
