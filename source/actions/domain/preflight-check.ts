import os from 'node:os';
import {statfs} from 'node:fs/promises';
import {z} from 'zod';
import {registerAction} from '../registry.js';
import type {ActionContext} from '../types.js';
import {isCidr, networksConfAllows, restrictsHostOnly} from './host-network.js';
import {preflightWords, type PreflightWords} from '../preflight-words.js';
import {planWords} from '../plan-words.js';

const args = z.strictObject({
  tools: z
    .array(z.string().min(1))
    .default(['vagrant', 'VBoxManage', 'launchpad', 'kubectl', 'helm']),
  vmCount: z.coerce.number().int().min(1).default(3),
  vmMemoryMiB: z.coerce.number().int().min(1).default(4096),
  vmDiskGiB: z.coerce.number().int().min(1).default(10),
  hostOnlyCidr: z
    .string()
    .refine(isCidr, 'an IPv4 range such as 192.168.123.0/24')
    .default('192.168.123.0/24'),
  networksConf: z.string().min(1).default('/etc/vbox/networks.conf'),
});

type Args = z.infer<typeof args>;
/** One thing preflight looked at. */
export type Finding = {
  readonly level: 'ok' | 'warning' | 'blocking';
  readonly text: string;
  readonly fix?: string;
};

const versionArgs: Readonly<Record<string, readonly string[]>> = {
  vagrant: ['--version'],
  VBoxManage: ['--version'],
  launchpad: ['version'],
  kubectl: ['version', '--client'],
  helm: ['version', '--short'],
};
const hypervisorTools = new Set(['vagrant', 'VBoxManage', 'launchpad']);

async function toolVersion(ctx: ActionContext, tool: string): Promise<string | undefined> {
  const lines: string[] = [];
  const result = await ctx.ports.process.run(tool, versionArgs[tool] ?? ['--version'], {
    signal: ctx.signal,
    timeoutMs: 15_000,
    onLines(chunk) {
      lines.push(...chunk);
    },
  });
  if (result.spawnError) return undefined;
  return lines.find((line) => line.trim() !== '')?.trim() ?? preflightWords(ctx.lang).noVersion;
}

async function toolFindings(input: Args, ctx: ActionContext) {
  const words = preflightWords(ctx.lang);
  const findings: Finding[] = [];
  const versions = new Map<string, string>();
  const missing: string[] = [];
  for (const tool of input.tools) {
    const where = await ctx.ports.process.which(tool);
    const version = where ? await toolVersion(ctx, tool) : undefined;
    if (version !== undefined) {
      versions.set(tool, version);
      findings.push({level: 'ok', text: `${tool}: ${version}`});
      continue;
    }
    missing.push(tool);
    if (ctx.ports.simulated && tool === 'VBoxManage') {
      findings.push({level: 'ok', text: words.notNeededSimulated(tool)});
    } else if (tool === 'kubectl') {
      findings.push({level: 'warning', ...words.kubectlMissing});
    } else {
      findings.push({level: 'blocking', ...words.toolMissing(tool)});
    }
  }
  return {findings, versions, missing};
}

function resourceFindings(
  input: Args,
  freeDiskBytes: number | undefined,
  words: PreflightWords,
): Finding[] {
  const neededMiB = input.vmCount * input.vmMemoryMiB;
  const totalMiB = Math.floor(os.totalmem() / 1024 / 1024);
  const freeMiB = Math.floor(os.freemem() / 1024 / 1024);
  const findings: Finding[] = [];
  if (totalMiB < neededMiB) {
    findings.push({
      level: 'blocking',
      ...words.memoryShort(input.vmCount, input.vmMemoryMiB, neededMiB, totalMiB),
    });
  } else if (freeMiB < neededMiB) {
    findings.push({level: 'warning', ...words.memoryBusy(neededMiB, freeMiB)});
  } else {
    findings.push({level: 'ok', text: words.memoryOk(neededMiB, freeMiB)});
  }
  if (freeDiskBytes !== undefined) {
    const neededGiB = input.vmCount * input.vmDiskGiB;
    const freeGiB = Math.floor(freeDiskBytes / 1024 ** 3);
    findings.push(
      freeGiB < neededGiB
        ? {level: 'warning', ...words.diskShort(neededGiB, freeGiB)}
        : {level: 'ok', text: words.diskOk(neededGiB, freeGiB)},
    );
  }
  return findings;
}

/** Tools and versions, memory and disk, the host-only range, CentOS 7's end of life. */
export const preflightCheck = registerAction({
  name: 'preflight.check',
  args,
  describe(input, ctx) {
    return [
      ...input.tools.map((tool) => ({
        kind: 'command' as const,
        file: tool,
        args: versionArgs[tool] ?? ['--version'],
      })),
      {
        kind: 'note',
        text: planWords(ctx.lang ?? 'en').preflight(
          input.networksConf,
          input.vmCount,
          input.vmMemoryMiB,
        ),
      },
    ];
  },
  async run(input, ctx) {
    const words = preflightWords(ctx.lang);
    const {findings, versions, missing} = await toolFindings(input, ctx);
    const simulated = ctx.ports.simulated;
    if (simulated) {
      findings.push({level: 'ok', text: words.simulatedLab});
    } else {
      const disk = await statfs(ctx.workdir)
        .then((s) => s.bavail * s.bsize)
        .catch(() => undefined);
      findings.push(...resourceFindings(input, disk, words));
      const vbox = versions.get('VBoxManage');
      if (vbox !== undefined && process.platform !== 'win32' && restrictsHostOnly(vbox)) {
        const conf = await ctx.ports.files.readText(input.networksConf);
        findings.push(
          networksConfAllows(conf, input.hostOnlyCidr)
            ? {level: 'ok', text: words.networksAllow(input.networksConf, input.hostOnlyCidr)}
            : {
                level: 'blocking',
                ...words.networksRefuse(vbox, input.networksConf, input.hostOnlyCidr),
              },
        );
      }
      if ([...hypervisorTools].every((tool) => missing.includes(tool))) {
        findings.push({level: 'blocking', ...words.noHypervisorTools});
      }
    }
    findings.push({level: 'warning', ...words.centosEol});
    for (const finding of findings) {
      await ctx.output(
        [
          words.line(finding.level, finding.text),
          ...(finding.fix && finding.level !== 'ok' ? [words.fixLine(finding.fix)] : []),
        ],
        finding.level === 'blocking' ? 'stderr' : 'stdout',
      );
    }
    const blocking = findings.filter((finding) => finding.level === 'blocking');
    const warnings = findings.filter((finding) => finding.level === 'warning').length;
    if (blocking.length > 0) {
      return {
        ok: false,
        error: {
          code: 'check-failed',
          message: words.blocking(
            blocking.length,
            blocking.map((finding) => finding.text),
          ),
          hint: blocking
            .map((finding) => finding.fix)
            .filter(Boolean)
            .join('; '),
        },
      };
    }
    return {
      ok: true,
      outputs: {blocking: 0, warnings, simulated, missingTools: missing.join(',')},
      summary: `${findings.length - warnings} ok, ${warnings} warning${warnings === 1 ? '' : 's'}`,
    };
  },
});
