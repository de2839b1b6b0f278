// Loaded with --import where /usr/bin/time is missing: writes the process's peak RSS (KB) to a file on exit.
import fs from 'node:fs';

process.on('exit', () => {
  fs.writeFileSync(process.env.HARDEN_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
