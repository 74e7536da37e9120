// Apollo Client over HTTP: a mutation that ingests an article, then a query
// that reads it back by ID and through the articles connection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApolloClient, InMemoryCache, HttpLink, gql } from '@apollo/client/core';
import { queryURL, newArticle, INGEST } from './helpers.mjs';

test('Apollo Client: ingest an article, then query it', async () => {
  const client = new ApolloClient({
    link: new HttpLink({ uri: queryURL, fetch }),
    cache: new InMemoryCache(),
  });
  const input = newArticle('Apollo');
  const { data: m } = await client.mutate({ mutation: gql(INGEST), variables: { in: input } });
  assert.equal(m.ingestArticle.created, true);
  assert.equal(m.ingestArticle.article.title, input.title);
  const id = m.ingestArticle.article.id;

  const { data } = await client.query({
    query: gql`
      query Read($id: ID!) {
        node(id: $id) {
          __typename
          ... on Article { id title url figures { value head } statements { cue status } }
        }
        articles(first: 1) { totalCount }
      }
    `,
    variables: { id },
    fetchPolicy: 'network-only',
  });
  assert.equal(data.node.__typename, 'Article');
  assert.equal(data.node.title, input.title);
  assert.equal(data.node.url, input.url);
  assert.ok(data.node.figures.some((f) => f.value >= 1000), `figures: ${JSON.stringify(data.node.figures)}`);
  assert.ok(data.node.statements.some((s) => s.cue === 'said'), `statements: ${JSON.stringify(data.node.statements)}`);
  assert.ok(data.articles.totalCount >= 1);

  // Ingest is idempotent on url.
  const again = await client.mutate({ mutation: gql(INGEST), variables: { in: input } });
  assert.equal(again.data.ingestArticle.created, false);
  assert.equal(again.data.ingestArticle.article.id, id);
  client.stop();
});

test('Apollo Client: a GraphQL error reaches the caller', async () => {
  const client = new ApolloClient({ link: new HttpLink({ uri: queryURL, fetch }), cache: new InMemoryCache() });
  await assert.rejects(
    client.query({ query: gql`{ articles(first: 500) { totalCount } }`, fetchPolicy: 'network-only' }),
    /at most 100/,
  );
  client.stop();
});
