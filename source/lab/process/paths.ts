import path from 'node:path';
import {labRuntimeFile, labWorldFile} from '../contract.js';

/** Where one profile's lab keeps its files. */
export type LabPaths = {
  /** `<stateDir>/profiles/<profile>/lab` */
  readonly dir: string;
  /** lab.json: the running server (pid, port, url, binDir, owner). */
  readonly runtimeFile: string;
  /** world.json: VMs, cluster objects, MKE, GitLab. */
  readonly worldFile: string;
  /** Held while a lab server runs: one lab per profile. */
  readonly lockFile: string;
  /** Held for a moment while a lab's owner is read and changed, so two sessions never both adopt it. */
  readonly claimFile: string;
  /** The server's own stderr/stdout, for when it fails to start. */
  readonly logFile: string;
  /** HOME as the lab's child processes see it (~/.mirantis-launchpad, ~/.config/helm …). */
  readonly home: string;
  /** Stand-in wrappers when running from source (the bundle ships its own in dist/lab-bin). */
  readonly sourceBinDir: string;
};

/** The lab's files for a profile. */
export function labPaths(stateDir: string, profile: string): LabPaths {
  const dir = path.join(stateDir, 'profiles', profile, 'lab');
  return {
    dir,
    runtimeFile: path.join(dir, labRuntimeFile),
    worldFile: path.join(dir, labWorldFile),
    lockFile: path.join(dir, 'lab.lock'),
    claimFile: path.join(dir, 'lab.claim'),
    logFile: path.join(dir, 'lab.log'),
    home: path.join(dir, 'home'),
    sourceBinDir: path.join(dir, 'bin'),
  };
}
