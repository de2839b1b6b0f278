// The package's own version for --version, found from this module's place (dist/src/ or the bundle in dist/).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageVersion(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'harden-dockerfile' && pkg.version) return pkg.version;
    } catch {
      // No package.json here: keep walking up.
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}
