import {readFile} from 'node:fs/promises';
import {z} from 'zod';
import type {LabWorld} from '../types.js';
import {writeFileAtomic} from './atomic-write.js';
import {defaultWorld} from './default-world.js';

// world.json holds the whole lab: the world (VMs, MKE, GitLab) and the Kubernetes object
// store's snapshot, in one file so that a restart never sees one without the other.

const vmSchema = z.object({
  state: z.enum(['not_created', 'running', 'poweroff']),
  address: z.string(),
  memory: z.number(),
});

// Loose objects: fields other lab modules add later survive a load/save round trip.
const worldSchema = z.looseObject({
  vms: z.record(z.string(), vmSchema),
  mke: z.looseObject({
    installed: z.boolean(),
    version: z.string().optional(),
    address: z.string().optional(),
    adminUsername: z.string().optional(),
    adminPasswordHash: z.string().optional(),
    configToml: z.string(),
    clusterName: z.string().optional(),
  }),
  chartEra: z.enum(['2021', 'current']),
  auth: z.object({key: z.string()}).optional(),
  control: z
    .object({hostOnlyAnyRange: z.boolean().optional(), speed: z.number().optional()})
    .optional(),
  gitlab: z.looseObject({
    projectId: z.number(),
    runnerTokenHashes: z.array(z.string()),
    apiTokenHash: z.string().optional(),
    nextPipelineId: z.number(),
    nextJobId: z.number(),
    pipelines: z.array(
      z.looseObject({
        id: z.number(),
        status: z.string(),
        ref: z.string(),
        createdAt: z.string(),
        jobIds: z.array(z.number()),
      }),
    ),
    jobs: z.array(
      z.looseObject({
        id: z.number(),
        pipelineId: z.number(),
        name: z.string(),
        stage: z.string(),
        status: z.string(),
        failureReason: z.string().optional(),
        trace: z.string(),
        createdAt: z.string(),
      }),
    ),
  }),
});

const fileSchema = z.object({
  version: z.literal(1),
  world: worldSchema,
  objects: z.unknown().optional(),
});

/** What world.json holds. `objects` is the Kubernetes store's own snapshot (opaque here). */
export type SavedLab = {readonly world: LabWorld; readonly objects: unknown};

/** Reads world.json; a missing file is an empty lab, a damaged one an error naming the file. */
export async function loadSavedLab(file: string): Promise<SavedLab> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
      return {world: defaultWorld(), objects: undefined};
    }

    throw error;
  }

  const parsed = fileSchema.safeParse(JSON.parse(text) as unknown);
  if (!parsed.success) {
    throw new Error(`The lab's world file \`${file}\` is damaged: ${parsed.error.message}`);
  }

  return {world: parsed.data.world, objects: parsed.data.objects};
}

/** Serialises the lab for world.json. */
export function serialiseLab(saved: SavedLab): string {
  return `${JSON.stringify({version: 1, world: saved.world, objects: saved.objects})}\n`;
}

/** Writes world.json atomically. */
export async function saveLab(file: string, saved: SavedLab): Promise<void> {
  await writeFileAtomic(file, serialiseLab(saved));
}
