// The articleAnalyzed subscription over WebSocket (graphql-transport-ws, the
// graphql-ws library's protocol).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { wsURL, newArticle, INGEST, gql } from './helpers.mjs';
import { subscribeUntil } from './subscribe.mjs';

test('graphql-ws: articleAnalyzed fires after an ingest', async () => {
  const client = createClient({ url: wsURL, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
  try {
    await subscribeUntil(client, async () => {
      const input = newArticle('graphql-ws');
      const { body } = await gql(INGEST, { in: input });
      assert.equal(body.data?.ingestArticle.created, true, JSON.stringify(body));
      return input.title;
    });
  } finally {
    await client.dispose();
  }
});
