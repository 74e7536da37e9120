// The articleAnalyzed subscription over server-sent events (graphql-sse in
// distinct connections mode: one POST with Accept text/event-stream per
// subscription).
import { test } from 'node:test';
import { createClient } from 'graphql-sse';
import assert from 'node:assert/strict';
import { queryURL, newArticle, INGEST, gql } from './helpers.mjs';
import { subscribeUntil } from './subscribe.mjs';

test('graphql-sse: articleAnalyzed fires after an ingest', async () => {
  const client = createClient({ url: queryURL, singleConnection: false, retryAttempts: 0 });
  try {
    await subscribeUntil(client, async () => {
      const input = newArticle('graphql-sse');
      const { body } = await gql(INGEST, { in: input });
      assert.equal(body.data?.ingestArticle.created, true, JSON.stringify(body));
      return input.title;
    });
  } finally {
    client.dispose();
  }
});
