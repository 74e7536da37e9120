// urql with queries forced onto GET: a query works, and a mutation sent the
// same way is refused (so the server really saw a GET) and stores nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, fetchExchange, gql, createRequest, makeOperation } from '@urql/core';
import { queryURL, newArticle, INGEST, gql as post } from './helpers.mjs';

test('urql over GET', async () => {
  const methods = [];
  const client = new Client({
    url: queryURL,
    exchanges: [fetchExchange],
    preferGetMethod: 'force',
    requestPolicy: 'network-only',
    fetch: (url, init) => {
      methods.push(init?.method ?? 'GET');
      return fetch(url, init);
    },
  });

  const articles = gql`{ articles(first: 1) { totalCount edges { node { id } } } }`;
  const q = await client.query(articles, {}).toPromise();
  assert.equal(q.error, undefined, String(q.error));
  assert.equal(typeof q.data.articles.totalCount, 'number');

  // urql sends only query operations over GET. Hand it the ingest mutation
  // as an operation of kind "query", so it goes out as a GET the server has
  // to refuse.
  const input = newArticle('urql');
  const { context } = client.createRequestOperation('query', createRequest(articles, {}));
  const op = makeOperation('query', createRequest(gql(INGEST), { in: input }), context);
  const m = await client.executeRequestOperation(op).toPromise();
  assert.ok(m.error, 'a mutation over GET must fail');
  assert.match(m.error.message, /only allow query/);
  assert.equal(m.error.response?.status, 405);
  assert.deepEqual([...new Set(methods)], ['GET']);

  // The same article over POST is new: the GET stored nothing.
  const { body } = await post(INGEST, { in: input });
  assert.equal(body.data.ingestArticle.created, true);
});
