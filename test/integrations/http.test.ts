import {test} from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {execFileSync} from 'node:child_process';
import type {AddressInfo} from 'node:net';
import {createHttpPort} from '../../source/integrations/http.js';
import {HttpError} from '../../source/integrations/http-error.js';

type Seen = {method: string; url: string; headers: http.IncomingHttpHeaders; body: string};

async function listen(
  server: http.Server | https.Server,
): Promise<{url: string; close: () => Promise<void>}> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  const scheme = server instanceof https.Server ? 'https' : 'http';
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function recorder(seen: Seen[], reply: (response: http.ServerResponse, url: string) => void) {
  return (request: http.IncomingMessage, response: http.ServerResponse) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body,
      });
      reply(response, request.url ?? '');
    });
  };
}

test('routes every request to the lab in simulate mode, with the original host in X-Forwarded-Host', async () => {
  const seen: Seen[] = [];
  const lab = await listen(
    http.createServer(
      recorder(seen, (response) => {
        response.setHeader('content-type', 'application/json');
        response.end('{"auth_token":"t"}');
      }),
    ),
  );
  try {
    const port = createHttpPort({labUrl: lab.url});
    const mke = await port.request({
      method: 'POST',
      url: 'https://192.168.123.202/auth/login',
      body: '{"username":"admin"}',
      headers: {'content-type': 'application/json'},
      insecure: true,
    });
    const gitlab = await port.request({
      method: 'GET',
      url: 'https://gitlab.example.com/api/v4/projects/1/jobs/7/trace?x=1',
    });
    assert.equal(mke.status, 200);
    assert.equal(mke.text(), '{"auth_token":"t"}');
    assert.equal(gitlab.status, 200);
    assert.deepEqual(
      seen.map((s) => [s.method, s.url, s.headers['x-forwarded-host'], s.body]),
      [
        ['POST', '/auth/login', '192.168.123.202', '{"username":"admin"}'],
        ['GET', '/api/v4/projects/1/jobs/7/trace?x=1', 'gitlab.example.com', ''],
      ],
    );
  } finally {
    await lab.close();
  }
});

test('returns an HTTP error status as an answer, not an exception', async () => {
  const lab = await listen(
    http.createServer((_request, response) => {
      response.statusCode = 401;
      response.end('{"message":"unauthorized"}');
    }),
  );
  try {
    const answer = await createHttpPort().request({method: 'GET', url: `${lab.url}/x`});
    assert.equal(answer.status, 401);
    assert.equal(answer.text(), '{"message":"unauthorized"}');
  } finally {
    await lab.close();
  }
});

test('refuses a body larger than the bound', async () => {
  const lab = await listen(
    http.createServer((_request, response) => {
      response.end('x'.repeat(5000));
    }),
  );
  try {
    await assert.rejects(
      createHttpPort({maxBodyBytes: 1000}).request({method: 'GET', url: `${lab.url}/big`}),
      (error: unknown) => error instanceof HttpError && error.code === 'too-large',
    );
  } finally {
    await lab.close();
  }
});

test('gives up after the timeout and says so', async () => {
  const lab = await listen(http.createServer(() => undefined));
  try {
    await assert.rejects(
      createHttpPort().request({method: 'GET', url: `${lab.url}/slow`, timeoutMs: 150}),
      (error: unknown) =>
        error instanceof HttpError && error.code === 'timeout' && /150 ms/.test(error.message),
    );
  } finally {
    await lab.close();
  }
});

test('reports a closed port as unreachable', async () => {
  const lab = await listen(http.createServer());
  const url = lab.url;
  await lab.close();
  await assert.rejects(
    createHttpPort().request({method: 'GET', url: `${url}/`}),
    (error: unknown) => error instanceof HttpError && error.code === 'unreachable',
  );
});

test('accepts a self-signed certificate only when asked', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'http-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
    ],
    {stdio: 'ignore'},
  );
  const server = https.createServer(
    {
      key: await fs.readFile(path.join(dir, 'key.pem')),
      cert: await fs.readFile(path.join(dir, 'cert.pem')),
    },
    (_request, response) => response.end('ok'),
  );
  const mke = await listen(server);
  try {
    const port = createHttpPort();
    await assert.rejects(
      port.request({method: 'GET', url: `${mke.url}/`}),
      (error: unknown) => error instanceof HttpError && error.code === 'tls',
    );
    const answer = await port.request({method: 'GET', url: `${mke.url}/`, insecure: true});
    assert.equal(answer.text(), 'ok');
    // Simulate mode: the lab's own certificate is trusted, whatever host was asked for.
    const routed = await createHttpPort({labUrl: mke.url}).request({
      method: 'GET',
      url: 'https://gitlab.example.com/api/v4/version',
    });
    assert.equal(routed.text(), 'ok');
  } finally {
    await mke.close();
    await fs.rm(dir, {recursive: true, force: true});
  }
});
