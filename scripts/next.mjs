// `node scripts/next.mjs <command> …`: runs Next's CLI with its telemetry off
// (NEXT_TELEMETRY_DISABLED=1), the same on every OS and on a fresh clone, with nothing
// written to the user's global Next settings. npm scripts call Next through this.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const bin = createRequire(import.meta.url).resolve('next/dist/bin/next');
const child = spawn(process.execPath, [bin, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
});
// Ctrl+C reaches Next directly (same process group); pass on other stop requests too.
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
