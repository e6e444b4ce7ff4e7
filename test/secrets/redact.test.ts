import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createRedactor} from '../../source/secrets/redact.js';

test('masks a secret, its base64 form and its URL-encoded form', () => {
  const secret = 'p@ss word/1';
  const {redact} = createRedactor([secret]);
  const b64 = Buffer.from(secret).toString('base64');
  assert.equal(
    redact(`login ${secret}; header ${b64}; url ?pw=${encodeURIComponent(secret)}`),
    'login ••••; header ••••; url ?pw=••••',
  );
});

test('masks the longer of two overlapping secrets whole', () => {
  const {redact, add} = createRedactor(['token']);
  add('token-and-more');
  assert.equal(redact('a token-and-more b token'), 'a •••• b ••••');
});

test('treats regular-expression characters in a secret literally', () => {
  const {redact} = createRedactor(['a.b*c(d)']);
  assert.equal(redact('aXbbc(d) a.b*c(d)'), 'aXbbc(d) ••••');
});

test('ignores values too short to mask without masking everything', () => {
  const {redact} = createRedactor(['ab']);
  assert.equal(redact('abc ab'), 'abc ab');
});

test('redacts every string inside an event-like value', () => {
  const {redactDeep} = createRedactor(['hunter22']);
  assert.deepEqual(
    redactDeep({type: 'x', error: {message: 'bad hunter22', detail: ['hunter22']}, n: 1}),
    {
      type: 'x',
      error: {message: 'bad ••••', detail: ['••••']},
      n: 1,
    },
  );
});

test('redacts a batch of output lines, and hands a batch back untouched when nothing is secret', () => {
  const lines = ['user root', 'token s3cr3t-value here'];
  assert.equal(createRedactor().redactLines(lines), lines);
  assert.deepEqual(createRedactor(['s3cr3t-value']).redactLines(lines), [
    'user root',
    'token •••• here',
  ]);
});
