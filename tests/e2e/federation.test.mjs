// Apollo Federation: factgraph as a subgraph. A second subgraph written here
// extends Claim (by its @key id) with reviewNote and offers featuredClaim, a
// Claim reference. Both are composed with @apollo/composition and served by
// @apollo/gateway; queries cross the subgraphs in both directions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'graphql';
import gqlTag from 'graphql-tag';
import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { queryURL, newArticle, INGEST, gql } from './helpers.mjs';

const REVIEWS_SDL = gqlTag`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Claim @key(fields: "id") {
    id: ID!
    "The desk's note on the claim."
    reviewNote: String
  }

  type Query {
    "The claim the desk is looking at today."
    featuredClaim: Claim
  }
`;

const reviewNote = (id) => `checked by the desk: ${id}`;

/** Our subgraph SDL, or why the test cannot run. */
async function ourSDL() {
  const { body } = await gql('{ _service { sdl } }');
  const sdl = body.data?._service?.sdl;
  if (!sdl) return { missing: `Query._service.sdl does not answer: ${JSON.stringify(body.errors ?? body)}` };
  return { sdl };
}

test('federation: compose with a second subgraph and query across both', { timeout: 60_000 }, async (t) => {
  const { sdl, missing } = await ourSDL();
  if (missing) {
    t.skip(`factgraph is not a federation subgraph yet (${missing})`);
    return;
  }

  // A claim of ours for the other subgraph to feature.
  const { body: ingested } = await gql(
    `mutation($in: IngestArticleInput!) { ingestArticle(input: $in) { article { statements { claim { id text status } } } } }`,
    { in: newArticle('Federation') },
  );
  assert.equal(ingested.errors, undefined, JSON.stringify(ingested.errors));
  const featured = ingested.data.ingestArticle.article.statements.map((s) => s.claim).find(Boolean);
  assert.ok(featured, 'the article yielded no claim');

  const reviews = new ApolloServer({
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    schema: buildSubgraphSchema({
      typeDefs: REVIEWS_SDL,
      resolvers: {
        Query: { featuredClaim: () => ({ __typename: 'Claim', id: featured.id }) },
        Claim: {
          __resolveReference: (ref) => ({ id: ref.id }),
          reviewNote: (claim) => reviewNote(claim.id),
        },
      },
    }),
  });
  const { url: reviewsURL } = await startStandaloneServer(reviews, { listen: { host: '127.0.0.1', port: 0 } });
  t.after(() => reviews.stop());

  const composed = composeServices([
    { name: 'factgraph', typeDefs: parse(sdl), url: queryURL },
    { name: 'reviews', typeDefs: REVIEWS_SDL, url: reviewsURL },
  ]);
  const errors = composed.errors ?? [];
  const hints = composed.hints ?? [];
  console.log(`composition: ${errors.length} errors, ${hints.length} hints`);
  for (const h of hints) console.log(`  hint ${h.definition.code}: ${h.message}`);
  assert.deepEqual(errors.map((e) => e.message), []);

  const gateway = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl }) });
  const { url: gatewayURL } = await startStandaloneServer(gateway, { listen: { host: '127.0.0.1', port: 0 } });
  t.after(() => gateway.stop());

  const ask = async (query) => {
    const res = await fetch(gatewayURL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = await res.json();
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data;
  };

  // Our claims, completed by the other subgraph.
  const ours = await ask('{ claims(first: 10) { totalCount edges { node { id text reviewNote } } } }');
  assert.ok(ours.claims.edges.length > 0);
  for (const { node } of ours.claims.edges) assert.equal(node.reviewNote, reviewNote(node.id));

  // Their claim reference, completed by us through _entities.
  const theirs = await ask('{ featuredClaim { id text status reviewNote articles { title } } }');
  assert.equal(theirs.featuredClaim.id, featured.id);
  assert.equal(theirs.featuredClaim.text, featured.text);
  assert.equal(theirs.featuredClaim.status, featured.status);
  assert.equal(theirs.featuredClaim.reviewNote, reviewNote(featured.id));
  assert.ok(theirs.featuredClaim.articles.some((a) => a.title.startsWith('Federation:')));
});
