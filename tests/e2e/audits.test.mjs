// The graphql-http server audits: the GraphQL over HTTP specification's
// MUST, SHOULD and MAY rules, all of which /query is meant to follow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAudits } from 'graphql-http';
import { queryURL } from './helpers.mjs';

test('graphql-http server audits all pass', async () => {
  const results = await Promise.all(
    serverAudits({ url: queryURL }).map(async (a) => ({ id: a.id, name: a.name, ...(await a.fn()) })),
  );
  const count = (s) => results.filter((r) => r.status === s).length;
  console.log(`audits: ${count('ok')} ok, ${count('warn')} warn, ${count('notice')} notice, ${count('error')} error`);
  const failed = results
    .filter((r) => r.status !== 'ok')
    .map((r) => `${r.status} ${r.id} ${r.name}: ${r.reason}`);
  assert.deepEqual(failed, []);
  assert.ok(count('ok') >= 60, `only ${count('ok')} audits ran`);
});
