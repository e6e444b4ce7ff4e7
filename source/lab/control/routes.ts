import {z} from 'zod';
import type {LabRoute, LabWorld} from '../types.js';
import {faultRuleSchema, type FaultBook} from './faults.js';
import {readJson, sendJson} from './http-json.js';

// The control API the stand-ins (and tests, and a workshop instructor) call: /_lab/…
// It changes the world in place, so every other part of the lab sees the change at once.

/** What the control API acts on. */
export type ControlOptions = {
  /** The lab's world; mutated in place. */
  readonly world: LabWorld;
  readonly faults: FaultBook;
  /** Called after every change, so the world is saved. */
  readonly changed: () => void;
  /** Removes the cluster's objects (MKE uninstalled by `launchpad reset`). */
  readonly resetCluster?: () => void;
};

const vmBody = z.object({
  state: z.enum(['not_created', 'running', 'poweroff']),
  address: z.string(),
  memory: z.number().int().positive(),
});

const mkeInstallBody = z.object({
  version: z.string().min(1),
  address: z.string().min(1),
  adminUsername: z.string().min(1),
  adminPasswordHash: z.string().min(1),
  clusterName: z.string().min(1),
});

const settingsBody = z.object({
  chartEra: z.enum(['2021', 'current']).optional(),
  speed: z.number().min(0).nullable().optional(),
  hostOnlyAnyRange: z.boolean().optional(),
});

const standinBody = z.object({tool: z.enum(['vagrant', 'launchpad', 'helm']), command: z.string()});
const invocationBody = z.object({
  tool: z.enum(['vagrant', 'launchpad', 'helm']),
  args: z.array(z.string()),
});

// The stand-ins report each argv here, so a test can prove no secret ever reached one.
const invocationsKept = 1000;

/** The lab's settings as the control API shows them. */
function settingsOf(world: LabWorld) {
  return {
    chartEra: world.chartEra,
    speed: world.control?.speed ?? null,
    hostOnlyAnyRange: world.control?.hostOnlyAnyRange ?? true,
  };
}

/** Builds the `/_lab/…` route. */
export function createControlRoute(options: ControlOptions): LabRoute {
  const {world, faults, changed} = options;
  const invocations: Array<z.infer<typeof invocationBody>> = [];

  const bad = (response: Parameters<LabRoute>[1], message: string) => {
    sendJson(response, 400, {error: message});
    return true;
  };

  return async (request, response, url) => {
    const path = url.pathname;
    if (!path.startsWith('/_lab/')) return false;
    const method = request.method ?? 'GET';
    const key = `${method} ${path.replace(/^\/_lab\/vms\/[^/]+$/, '/_lab/vms/:name')}`;
    let body: unknown = {};
    try {
      if (method !== 'GET' && method !== 'DELETE') body = await readJson(request);
    } catch (error) {
      return bad(response, error instanceof Error ? error.message : String(error));
    }

    switch (key) {
      case 'GET /_lab/health': {
        sendJson(response, 200, {ok: true, pid: process.pid});
        return true;
      }

      case 'GET /_lab/world': {
        const {adminPasswordHash: _hidden, ...mke} = world.mke;
        sendJson(response, 200, {...world, mke});
        return true;
      }

      case 'GET /_lab/vms': {
        sendJson(response, 200, {vms: world.vms, ...settingsOf(world)});
        return true;
      }

      case 'PUT /_lab/vms/:name': {
        const parsed = vmBody.safeParse(body);
        if (!parsed.success) return bad(response, parsed.error.message);
        const name = decodeURIComponent(path.slice('/_lab/vms/'.length));
        world.vms[name] = parsed.data;
        changed();
        sendJson(response, 200, world.vms[name]);
        return true;
      }

      case 'DELETE /_lab/vms/:name': {
        const name = decodeURIComponent(path.slice('/_lab/vms/'.length));
        world.vms = Object.fromEntries(Object.entries(world.vms).filter(([n]) => n !== name));
        changed();
        sendJson(response, 200, {deleted: name});
        return true;
      }

      case 'POST /_lab/mke/install': {
        const parsed = mkeInstallBody.safeParse(body);
        if (!parsed.success) return bad(response, parsed.error.message);
        Object.assign(world.mke, {installed: true, ...parsed.data});
        changed();
        sendJson(response, 200, {installed: true});
        return true;
      }

      case 'POST /_lab/mke/reset': {
        for (const field of [
          'version',
          'address',
          'adminUsername',
          'adminPasswordHash',
          'clusterName',
        ] as const) {
          delete world.mke[field];
        }

        world.mke.installed = false;
        options.resetCluster?.();
        changed();
        sendJson(response, 200, {installed: false});
        return true;
      }

      case 'GET /_lab/settings': {
        sendJson(response, 200, settingsOf(world));
        return true;
      }

      case 'PUT /_lab/settings': {
        const parsed = settingsBody.safeParse(body);
        if (!parsed.success) return bad(response, parsed.error.message);
        const {chartEra, speed, hostOnlyAnyRange} = parsed.data;
        if (chartEra) world.chartEra = chartEra;
        const control = {...world.control};
        if (speed === null) delete control.speed;
        else if (speed !== undefined) control.speed = speed;
        if (hostOnlyAnyRange !== undefined) control.hostOnlyAnyRange = hostOnlyAnyRange;
        world.control = control;
        changed();
        sendJson(response, 200, settingsOf(world));
        return true;
      }

      case 'GET /_lab/faults': {
        sendJson(response, 200, {faults: faults.list()});
        return true;
      }

      case 'POST /_lab/faults': {
        const parsed = z.array(faultRuleSchema).safeParse(Array.isArray(body) ? body : [body]);
        if (!parsed.success) return bad(response, parsed.error.message);
        faults.add(parsed.data);
        sendJson(response, 200, {faults: faults.list()});
        return true;
      }

      case 'DELETE /_lab/faults': {
        faults.clear();
        sendJson(response, 200, {faults: []});
        return true;
      }

      case 'POST /_lab/faults/standin': {
        const parsed = standinBody.safeParse(body);
        if (!parsed.success) return bad(response, parsed.error.message);
        sendJson(response, 200, faults.takeStandin(parsed.data.tool, parsed.data.command));
        return true;
      }

      case 'POST /_lab/invocations': {
        const parsed = invocationBody.safeParse(body);
        if (!parsed.success) return bad(response, parsed.error.message);
        invocations.push(parsed.data);
        invocations.splice(0, Math.max(0, invocations.length - invocationsKept));
        sendJson(response, 200, {kept: invocations.length});
        return true;
      }

      case 'GET /_lab/invocations': {
        sendJson(response, 200, {invocations});
        return true;
      }

      default: {
        sendJson(response, 404, {error: `no such lab control endpoint: ${method} ${path}`});
        return true;
      }
    }
  };
}
