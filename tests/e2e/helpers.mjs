// Shared helpers of the end-to-end tests. FACTGRAPH_URL is the base URL of a
// running server, e.g. http://127.0.0.1:18080 (.ci/e2e.sh starts one).
import { randomUUID } from 'node:crypto';

export const baseURL = (process.env.FACTGRAPH_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
export const queryURL = `${baseURL}/query`;
export const wsURL = queryURL.replace(/^http/, 'ws');

/** Sends one GraphQL request over POST and returns the parsed response. */
export async function gql(query, variables = {}, headers = {}) {
  const res = await fetch(queryURL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.json() };
}

// Harbour news written for these tests: a figure about cargo from a country,
// stated by a port authority, and a denial by another country.
const ports = ['Gdynia', 'Trieste', 'Varna', 'Klaipeda', 'Constanta', 'Rijeka'];
const countries = ['Austria', 'Hungary', 'Slovakia', 'Serbia', 'Czechia', 'Moldova'];
const pick = (list) => list[Math.floor(Math.random() * list.length)];

/** A fresh article, unique to this run, for ingestArticle. */
export function newArticle(label) {
  const id = randomUUID();
  const port = pick(ports);
  const [from, denier] = [pick(countries), pick(countries.filter((c) => c !== 'Austria'))];
  const count = 1000 + Math.floor(Math.random() * 9000);
  return {
    title: `${label}: ${port} port reports delays (${id.slice(0, 8)})`,
    body:
      `The port authority of ${port} said ${count.toLocaleString('en-US')} containers from ${from} were held up at the quay in April. ` +
      `${denier} denied that its customs officers had caused the delays.`,
    url: `https://e2e.factgraph.test/${label.toLowerCase().replace(/\W+/g, '-')}/${id}`,
    publishedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

export const INGEST = /* GraphQL */ `
  mutation Ingest($in: IngestArticleInput!) {
    ingestArticle(input: $in) {
      created
      article { id title }
    }
  }
`;

/** Resolves when fn returns a truthy value, polling until the deadline. */
export async function eventually(fn, { timeout = 10_000, interval = 50 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, interval));
  }
}
