// A small reader for the Kubernetes protobuf encoding kubectl uses for typed creates
// (`kubectl create namespace`, `kubectl auth can-i`): the `k8s\0` envelope, then
// runtime.Unknown{typeMeta, raw}. Only the messages kubectl sends for the procedure are mapped.
import {isRecord} from './json.js';
import {badRequest} from './status.js';

type Field = {readonly number: number; readonly value: bigint | Uint8Array};

const magic = [0x6b, 0x38, 0x73, 0x00];

function readVarint(bytes: Uint8Array, start: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  let offset = start;
  while (offset < bytes.length) {
    const byte = bytes[offset++] ?? 0;
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result, offset];
    shift += 7n;
  }

  throw badRequest('protobuf: truncated varint');
}

/** Splits one protobuf message into its fields (varint and length-delimited; fixed ones skipped). */
export function readFields(bytes: Uint8Array): Field[] {
  const fields: Field[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const [tag, afterTag] = readVarint(bytes, offset);
    const number = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    offset = afterTag;
    if (wire === 0) {
      const [value, next] = readVarint(bytes, offset);
      fields.push({number, value});
      offset = next;
    } else if (wire === 2) {
      const [length, next] = readVarint(bytes, offset);
      const end = next + Number(length);
      if (end > bytes.length) throw badRequest('protobuf: truncated field');
      fields.push({number, value: bytes.subarray(next, end)});
      offset = end;
    } else if (wire === 1) {
      offset += 8;
    } else if (wire === 5) {
      offset += 4;
    } else {
      throw badRequest(`protobuf: unsupported wire type ${wire}`);
    }
  }

  return fields;
}

/** How to turn one message into JSON: field number → [json name, kind]. */
type Schema = Readonly<Record<number, readonly [string, FieldKind]>>;
type FieldKind =
  | 'string'
  | 'int'
  | 'bool'
  | 'strings'
  | 'map'
  | {readonly message: Schema}
  | {readonly messages: Schema};

const decoder = new TextDecoder();

function text(value: bigint | Uint8Array): string {
  return typeof value === 'bigint' ? String(value) : decoder.decode(value);
}

function bytesOf(value: bigint | Uint8Array): Uint8Array {
  return typeof value === 'bigint' ? new Uint8Array() : value;
}

/** Decodes a message with a schema; unknown fields are dropped. */
export function decodeMessage(bytes: Uint8Array, schema: Schema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const {number, value} of readFields(bytes)) {
    const entry = schema[number];
    if (!entry) continue;
    const [name, kind] = entry;
    if (kind === 'string') {
      // Protobuf writes empty strings that JSON would omit.
      if (text(value) !== '') out[name] = text(value);
    } else if (kind === 'int') out[name] = Number(typeof value === 'bigint' ? value : 0n);
    else if (kind === 'bool') out[name] = value === 1n;
    else if (kind === 'strings')
      out[name] = [...(Array.isArray(out[name]) ? out[name] : []), text(value)];
    else if (kind === 'map') {
      const pair = decodeMessage(bytesOf(value), {1: ['key', 'string'], 2: ['value', 'string']});
      const existing = out[name];
      const map: Record<string, unknown> = isRecord(existing) ? existing : {};
      map[String(pair['key'] ?? '')] = pair['value'] ?? '';
      out[name] = map;
    } else if ('message' in kind) out[name] = decodeMessage(bytesOf(value), kind.message);
    else
      out[name] = [
        ...(Array.isArray(out[name]) ? out[name] : []),
        decodeMessage(bytesOf(value), kind.messages),
      ];
  }

  return out;
}

const objectMeta: Schema = {
  1: ['name', 'string'],
  2: ['generateName', 'string'],
  3: ['namespace', 'string'],
  11: ['labels', 'map'],
  12: ['annotations', 'map'],
  14: ['finalizers', 'strings'],
};

const subject: Schema = {
  1: ['kind', 'string'],
  2: ['apiGroup', 'string'],
  3: ['name', 'string'],
  4: ['namespace', 'string'],
};
const roleRef: Schema = {1: ['apiGroup', 'string'], 2: ['kind', 'string'], 3: ['name', 'string']};
const policyRule: Schema = {
  1: ['verbs', 'strings'],
  2: ['apiGroups', 'strings'],
  3: ['resources', 'strings'],
  4: ['resourceNames', 'strings'],
  5: ['nonResourceURLs', 'strings'],
};
const resourceAttributes: Schema = {
  1: ['namespace', 'string'],
  2: ['verb', 'string'],
  3: ['group', 'string'],
  4: ['version', 'string'],
  5: ['resource', 'string'],
  6: ['subresource', 'string'],
  7: ['name', 'string'],
};
const accessReviewSpec: Schema = {
  1: ['resourceAttributes', {message: resourceAttributes}],
  2: ['nonResourceAttributes', {message: {1: ['path', 'string'], 2: ['verb', 'string']}}],
  3: ['user', 'string'],
  4: ['groups', 'strings'],
  6: ['uid', 'string'],
};

// Field numbers from k8s.io/api/*/generated.proto.
const kinds: Readonly<Record<string, Schema>> = {
  Namespace: {
    1: ['metadata', {message: objectMeta}],
    2: ['spec', {message: {1: ['finalizers', 'strings']}}],
  },
  ServiceAccount: {1: ['metadata', {message: objectMeta}]},
  ConfigMap: {1: ['metadata', {message: objectMeta}], 2: ['data', 'map']},
  ClusterRole: {1: ['metadata', {message: objectMeta}], 2: ['rules', {messages: policyRule}]},
  Role: {1: ['metadata', {message: objectMeta}], 2: ['rules', {messages: policyRule}]},
  ClusterRoleBinding: {
    1: ['metadata', {message: objectMeta}],
    2: ['subjects', {messages: subject}],
    3: ['roleRef', {message: roleRef}],
  },
  RoleBinding: {
    1: ['metadata', {message: objectMeta}],
    2: ['subjects', {messages: subject}],
    3: ['roleRef', {message: roleRef}],
  },
  SelfSubjectAccessReview: {
    1: ['metadata', {message: objectMeta}],
    2: ['spec', {message: accessReviewSpec}],
  },
  SubjectAccessReview: {
    1: ['metadata', {message: objectMeta}],
    2: ['spec', {message: accessReviewSpec}],
  },
};

/** Whether a body starts with the Kubernetes protobuf envelope. */
export function isKubeProtobuf(body: Uint8Array): boolean {
  return magic.every((byte, index) => body[index] === byte);
}

/** Decodes a `k8s\0`-enveloped object into its JSON form; 415 for kinds the lab cannot read. */
export function decodeKubeProtobuf(body: Uint8Array): Record<string, unknown> {
  if (!isKubeProtobuf(body)) throw badRequest('protobuf: missing the k8s envelope');
  const unknown = decodeMessage(body.subarray(4), {
    1: ['typeMeta', {message: {1: ['apiVersion', 'string'], 2: ['kind', 'string']}}],
  });
  const raw = readFields(body.subarray(4)).find((field) => field.number === 2)?.value;
  const typeMeta = isRecord(unknown['typeMeta']) ? unknown['typeMeta'] : {};
  const apiVersion = typeof typeMeta['apiVersion'] === 'string' ? typeMeta['apiVersion'] : '';
  const kind = typeof typeMeta['kind'] === 'string' ? typeMeta['kind'] : '';
  const schema = kinds[kind];
  if (!schema || raw === undefined) {
    throw badRequest(`the lab cannot decode protobuf for kind ${JSON.stringify(kind)}; send JSON`);
  }

  return {apiVersion, kind, metadata: {}, ...decodeMessage(bytesOf(raw), schema)};
}
