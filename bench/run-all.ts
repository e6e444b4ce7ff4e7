// `npm run bench`: every benchmark of issue 6, on the built app (`npm run build` first).
// Exits non-zero when a target is missed.
import {benchFirstFrame} from './first-frame.js';
import {benchReadiness} from './readiness.js';
import {benchReconcile} from './reconcile.js';
import {benchThroughput} from './throughput.js';

const only = process.argv[2];
const benches: Record<string, () => Promise<boolean>> = {
  'first-frame': benchFirstFrame,
  throughput: benchThroughput,
  reconcile: benchReconcile,
  readiness: benchReadiness,
};

let ok = true;
for (const [name, bench] of Object.entries(benches)) {
  if (only && only !== name) continue;
  ok = (await bench()) && ok;
}

process.stdout.write(ok ? '\nall targets met\n' : '\nsome targets missed\n');
process.exitCode = ok ? 0 : 1;
