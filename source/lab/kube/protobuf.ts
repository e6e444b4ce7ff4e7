// The Kubernetes protobuf encoding kubectl uses for typed creates (`kubectl create namespace`,
// `create deployment`, `auth can-i`…): the `k8s\0` envelope, then runtime.Unknown{typeMeta, raw},
// raw being the object's own message, read with the schema for its kind.
import {isRecord} from './json.js';
import {rbacAndAccessKinds} from './protobuf-schemas.js';
import {decodeMessage, readFields, type Schema} from './protobuf-wire.js';
import {workloadKinds} from './protobuf-workloads.js';
import {badRequest} from './status.js';

const magic = [0x6b, 0x38, 0x73, 0x00];
const kinds: Readonly<Record<string, Schema>> = {...rbacAndAccessKinds, ...workloadKinds};

/** Whether a body starts with the Kubernetes protobuf envelope. */
export function isKubeProtobuf(body: Uint8Array): boolean {
  return magic.every((byte, index) => body[index] === byte);
}

/** Decodes a `k8s\0`-enveloped object into its JSON form; 400 for kinds the lab cannot read. */
export function decodeKubeProtobuf(body: Uint8Array): Record<string, unknown> {
  if (!isKubeProtobuf(body)) throw badRequest('protobuf: missing the k8s envelope');
  const envelope = body.subarray(4);
  const unknown = decodeMessage(
    envelope,
    {1: ['typeMeta', {message: {1: ['apiVersion', 'string'], 2: ['kind', 'string']}}]},
    'Unknown',
  );
  const raw = readFields(envelope, 'Unknown').find((field) => field.number === 2)?.value;
  const typeMeta = isRecord(unknown['typeMeta']) ? unknown['typeMeta'] : {};
  const apiVersion = typeof typeMeta['apiVersion'] === 'string' ? typeMeta['apiVersion'] : '';
  const kind = typeof typeMeta['kind'] === 'string' ? typeMeta['kind'] : '';
  const schema = Object.hasOwn(kinds, kind) ? kinds[kind] : undefined;
  if (!schema || !(raw instanceof Uint8Array)) {
    throw badRequest(`the lab cannot decode protobuf for kind ${JSON.stringify(kind)}; send JSON`);
  }

  return {apiVersion, kind, metadata: {}, ...decodeMessage(raw, schema, kind)};
}
