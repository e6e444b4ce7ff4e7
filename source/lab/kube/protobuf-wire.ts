// A generic, schema-driven reader for protobuf messages: the wire format (varints and
// length-delimited fields) and a decoder that turns a message into the JSON the API server would
// have received, named by a schema of field numbers (see protobuf-schemas.ts).
import {badRequest} from './status.js';

type Field = {readonly number: number; readonly wire: number; readonly value: bigint | Uint8Array};

function readVarint(bytes: Uint8Array, start: number, where: string): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  let offset = start;
  while (offset < bytes.length) {
    const byte = bytes[offset++] ?? 0;
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result, offset];
    shift += 7n;
  }

  throw badRequest(`protobuf: truncated varint in ${where}`);
}

/** Splits one protobuf message into its fields (varint and length-delimited; fixed ones skipped). */
export function readFields(bytes: Uint8Array, where = 'the message'): Field[] {
  const fields: Field[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const [tag, afterTag] = readVarint(bytes, offset, where);
    const number = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    offset = afterTag;
    if (wire === 0) {
      const [value, next] = readVarint(bytes, offset, where);
      fields.push({number, wire, value});
      offset = next;
    } else if (wire === 2) {
      const [length, next] = readVarint(bytes, offset, where);
      const end = next + Number(length);
      if (end > bytes.length) throw badRequest(`protobuf: truncated field ${number} in ${where}`);
      fields.push({number, wire, value: bytes.subarray(next, end)});
      offset = end;
    } else if (wire === 1 || wire === 5) {
      offset += wire === 1 ? 8 : 4;
      if (offset > bytes.length)
        throw badRequest(`protobuf: truncated field ${number} in ${where}`);
    } else {
      throw badRequest(`protobuf: unsupported wire type ${wire} (field ${number}) in ${where}`);
    }
  }

  return fields;
}

/**
 * How one field turns into JSON. Scalars: `int`/`bool` are Go value fields (a zero is left out, as
 * JSON's omitempty does), `optionalInt`/`optionalBool` are Go pointers (sent only when set, so a
 * zero is kept); `bytes` become base64; `quantity` and `intOrString` are apimachinery's wrappers.
 */
export type FieldKind =
  | 'string'
  | 'bytes'
  | 'int'
  | 'optionalInt'
  | 'bool'
  | 'optionalBool'
  | 'quantity'
  | 'intOrString'
  | {readonly message: Schema}
  | {readonly list: FieldKind}
  | {readonly map: FieldKind};

/** A message: field number → [json name, kind]. */
export type Schema = Readonly<Record<number, readonly [string, FieldKind]>>;

const decoder = new TextDecoder('utf-8', {fatal: true});
const quantity: Schema = {1: ['string', 'string']};
const intOrString: Schema = {
  1: ['type', 'optionalInt'],
  2: ['intVal', 'int'],
  3: ['strVal', 'string'],
};
const mapEntry = (value: FieldKind): Schema => ({1: ['key', 'string'], 2: ['value', value]});

// Which wire type each kind arrives in; a mismatch is a malformed body.
function wireOf(kind: FieldKind): number {
  return kind === 'int' || kind === 'optionalInt' || kind === 'bool' || kind === 'optionalBool'
    ? 0
    : 2;
}

function decodeValue(field: Field, kind: FieldKind, where: string): unknown {
  if (typeof kind === 'object' && 'list' in kind) return decodeValue(field, kind.list, where);
  const expected = wireOf(kind);
  if (field.wire !== expected) {
    const names = ['a varint', '', 'length-delimited bytes'];
    throw badRequest(
      `protobuf: field ${where} should be ${names[expected]}, got wire type ${field.wire}`,
    );
  }

  const {value} = field;
  if (typeof value === 'bigint') {
    return kind === 'bool' || kind === 'optionalBool'
      ? value === 1n
      : Number(BigInt.asIntN(64, value));
  }

  if (kind === 'bytes') return Buffer.from(value).toString('base64');
  if (kind === 'string') {
    try {
      return decoder.decode(value);
    } catch {
      throw badRequest(`protobuf: field ${where} is not valid UTF-8`);
    }
  }

  if (kind === 'quantity') return decodeMessage(value, quantity, where)['string'] ?? '';
  if (kind === 'intOrString') {
    const decoded = decodeMessage(value, intOrString, where);
    return decoded['type'] === 1 ? (decoded['strVal'] ?? '') : (decoded['intVal'] ?? 0);
  }

  if (typeof kind === 'object' && 'message' in kind)
    return decodeMessage(value, kind.message, where);
  if (typeof kind === 'object' && 'map' in kind)
    return decodeMessage(value, mapEntry(kind.map), where);
  throw badRequest(`protobuf: field ${where} has no decoder`);
}

// Protobuf writes the zero values of Go value fields that JSON (omitempty) leaves out.
function isEmpty(value: unknown, kind: FieldKind): boolean {
  if (kind === 'optionalInt' || kind === 'optionalBool') return false;
  if (value === '' || value === 0 || value === false) return true;
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

/** Decodes a message with a schema; fields it does not name are dropped. `where` names it in errors. */
export function decodeMessage(
  bytes: Uint8Array,
  schema: Schema,
  where = '',
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of readFields(bytes, where || 'the object')) {
    const entry = schema[field.number];
    if (!entry) continue;
    const [name, kind] = entry;
    const path = where ? `${where}.${name}` : name;
    const value = decodeValue(field, kind, path);
    if (typeof kind === 'object' && 'list' in kind) {
      const list = Array.isArray(out[name]) ? (out[name] as unknown[]) : [];
      out[name] = [...list, value];
    } else if (typeof kind === 'object' && 'map' in kind) {
      const pair = value as Record<string, unknown>;
      const map = (out[name] ?? {}) as Record<string, unknown>;
      map[String(pair['key'] ?? '')] = pair['value'] ?? '';
      out[name] = map;
    } else if (isEmpty(value, kind)) delete out[name];
    else out[name] = value;
  }

  return out;
}
