import {main} from './cli/main.js';

// The entry stays tiny: everything else loads on demand, so `--help` and the first frame are fast.
const code = await main(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
// Exit explicitly: a keep-alive socket or a lingering handle must not hold the prompt hostage.
// Writes to pipes, files and terminals are synchronous on Linux, so nothing printed is lost.
process.exit(code);
