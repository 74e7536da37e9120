// GraphQL Code Generator, the usual way a front-end app gets typed queries,
// reads the schema from the running server with graphql-js' standard
// introspection query (the one Postman, Insomnia and Altair send too), and
// its client preset types a query of ours; tsc --strict then compiles a file
// that uses the types, and refuses one that misuses them, which shows the
// types are real and not `any`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { queryURL } from './helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));

// The query of the app: claims with their articles, through the nested
// lists' own `first`.
const document = `
export const claimsQuery = graphql(\`
  query RecentClaims($first: Int) {
    claims(first: $first) {
      totalCount
      edges { node { id text status articles(first: 3) { title url publishedAt } } }
    }
  }
\`);
`;

// What the app does with the result.
const use = `
import { graphql } from './gql';
import type { ConfirmationStatus, RecentClaimsQuery, RecentClaimsQueryVariables } from './gql/graphql';
${document}
export function headlines(data: RecentClaimsQuery): string[] {
  return data.claims.edges.flatMap((e) => e.node.articles.map((a) => a.title));
}
const disputedStatus: ConfirmationStatus = 'DISPUTED';
export function disputed(data: RecentClaimsQuery): string[] {
  return data.claims.edges.filter((e) => e.node.status === disputedStatus).map((e) => e.node.text);
}
export const vars: RecentClaimsQueryVariables = { first: 5 };
export function urls(data: RecentClaimsQuery): (string | null | undefined)[] {
  return data.claims.edges.flatMap((e) => e.node.articles.map((a) => a.url));
}
`;

// The same app misreading the result: a nullable url used as a string,
// and a text used as a number.
const misuse = `
import type { RecentClaimsQuery } from './gql/graphql';
export function wrong(data: RecentClaimsQuery): number {
  const url: string = data.claims.edges[0].node.articles[0].url;
  return data.claims.edges[0].node.text + url.length;
}
`;

function tsc(dir, files) {
  const bin = join(here, 'node_modules', '.bin', 'tsc');
  return spawnSync(bin, ['--strict', '--noEmit', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler', ...files], {
    cwd: dir,
    encoding: 'utf8',
  });
}

test('GraphQL Code Generator types a query from the running server, and tsc --strict compiles it', async () => {
  // Inside this folder, so that the generated code finds node_modules.
  const dir = mkdtempSync(join(here, '.codegen-'));
  try {
    const src = join(dir, 'src');
    mkdirSync(src);
    writeFileSync(join(src, 'app.ts'), use);
    await generate(
      {
        schema: queryURL,
        documents: [join(src, 'app.ts')],
        generates: { [join(src, 'gql') + '/']: { preset: 'client' } },
        silent: true,
      },
      true,
    );
    const types = readFileSync(join(src, 'gql', 'graphql.ts'), 'utf8');
    assert.match(types, /export type RecentClaimsQuery = /);
    assert.match(types, /export type ConfirmationStatus =/);

    const ok = tsc(dir, [join('src', 'app.ts')]);
    assert.equal(ok.status, 0, `tsc --strict failed on the app:\n${ok.stdout}${ok.stderr}`);

    writeFileSync(join(src, 'wrong.ts'), misuse);
    const bad = tsc(dir, [join('src', 'wrong.ts')]);
    assert.notEqual(bad.status, 0, 'tsc --strict accepted a misuse of the generated types');
    assert.match(bad.stdout, /wrong\.ts.*error TS2322/s, `unexpected tsc output:\n${bad.stdout}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
