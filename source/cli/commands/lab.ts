import {wordedError} from '../../engine/errors.js';
import {cliWords} from '../cli-words.js';
import type {CliCommand} from '../args.js';
import {profileContext, type CliIo} from '../context.js';
import {startLabOrExplain} from '../lab-session.js';

type LabCommand = Extract<CliCommand, {kind: 'lab'}>;

/** `lab start|stop|status|reset`: the profile's simulated lab. */
export async function labCommand(command: LabCommand, io: CliIo): Promise<number> {
  const context = profileContext(command.common, io);
  const target = {stateDir: context.stateDir, profile: command.common.profile};
  const lifecycle = await import('../../lab/lifecycle.js');
  const print = (value: unknown, text: string): void => {
    io.stdout.write(command.common.json ? `${JSON.stringify(value)}\n` : `${text}\n`);
  };

  switch (command.action) {
    case 'start': {
      // A lab a run started becomes the user's: asked for by name, it outlives the run.
      const before =
        (await lifecycle.labStatus(target)) &&
        (await (await import('../../lab/ownership.js')).keepLab(target));
      const lab = before || (await startLabOrExplain(target));
      print(
        {running: true, ...lab},
        `${before ? 'lab already running' : 'lab started'} at ${lab.url} (pid ${lab.pid}); stand-ins in ${lab.binDir}`,
      );
      return 0;
    }

    case 'stop': {
      const stopped = await lifecycle.stopLab(target);
      print({stopped}, stopped ? 'lab stopped' : 'no lab was running');
      return 0;
    }

    case 'status': {
      const lab = await lifecycle.labStatus(target);
      print(
        lab ? {running: true, ...lab} : {running: false},
        lab
          ? `lab running at ${lab.url} (pid ${lab.pid}, since ${lab.startedAt})`
          : 'lab not running',
      );
      return 0;
    }

    case 'reset': {
      if (await lifecycle.labStatus(target)) {
        throw wordedError('refused', (lang) => cliWords(lang).labRunning);
      }

      await lifecycle.resetLab(target);
      print(
        {reset: true},
        'lab reset: its VMs, cluster, MKE and GitLab are gone; the next start begins empty',
      );
      return 0;
    }
  }
}
