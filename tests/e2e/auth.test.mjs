// API keys, against a second server that runs with authentication on
// (.ci/e2e.sh starts it when the build has -auth and `factgraph apikey`):
// FACTGRAPH_AUTH_URL is its base URL, FACTGRAPH_API_KEY an editor key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newArticle, INGEST } from './helpers.mjs';

const base = process.env.FACTGRAPH_AUTH_URL?.replace(/\/+$/, '');
const key = process.env.FACTGRAPH_API_KEY;
const skip = !(base && key) && 'FACTGRAPH_AUTH_URL and FACTGRAPH_API_KEY are not set (no server with API keys to test)';

async function post(query, variables, headers = {}) {
  const res = await fetch(`${base}/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.json() };
}

const codes = (body) => (body.errors ?? []).map((e) => e.extensions?.code);

test('API keys: writes need an editor key', { skip }, async () => {
  const input = newArticle('Auth');

  // Refused with 401 whichever response type the client accepts.
  for (const accept of ['application/json', 'application/graphql-response+json']) {
    const anonymous = await post(INGEST, { in: input }, { accept });
    assert.equal(anonymous.status, 401, JSON.stringify(anonymous.body));
    assert.deepEqual(codes(anonymous.body), ['UNAUTHENTICATED']);
    assert.equal('data' in anonymous.body, false);
  }

  const wrong = await post(INGEST, { in: input }, { authorization: 'Bearer not-a-real-key' });
  assert.equal(wrong.status, 401, JSON.stringify(wrong.body));
  assert.deepEqual(codes(wrong.body), ['UNAUTHENTICATED']);

  const editor = await post(INGEST, { in: input }, { authorization: `Bearer ${key}` });
  assert.equal(editor.status, 200, JSON.stringify(editor.body));
  assert.equal(editor.body.data.ingestArticle.created, true);

  // Reading needs no key.
  const read = await post('{ articles { totalCount } }');
  assert.equal(read.status, 200, JSON.stringify(read.body));
  assert.ok(read.body.data.articles.totalCount >= 1);
});
