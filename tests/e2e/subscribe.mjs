// Subscribes to articleAnalyzed with a graphql-ws or graphql-sse client (they
// share the subscribe(payload, sink) API), calls ingest once the subscription
// should be live, and resolves with the event of an article it ingested.
// Other tests ingest at the same time, so events are matched by title.
import { setTimeout as sleep } from 'node:timers/promises';

const SUBSCRIPTION = 'subscription { articleAnalyzed { id title figures { value } } }';

export function subscribeUntil(client, ingest, timeoutMs = 15_000) {
  return new Promise((resolve, reject) => {
    const wanted = new Set();
    let settled = false;
    const done = (err, value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unsubscribe();
      err ? reject(err) : resolve(value);
    };
    const timer = setTimeout(
      () => done(new Error(`no articleAnalyzed event for ${[...wanted].join(', ')} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const unsubscribe = client.subscribe(
      { query: SUBSCRIPTION },
      {
        next: (msg) => {
          if (msg.errors) return done(new Error(JSON.stringify(msg.errors)));
          const ev = msg.data?.articleAnalyzed;
          if (!ev || !wanted.has(ev.title)) return;
          if (!ev.id || !Array.isArray(ev.figures)) return done(new Error(`bad event ${JSON.stringify(ev)}`));
          done(null, ev);
        },
        error: (err) => done(err instanceof Error ? err : new Error(JSON.stringify(err))),
        complete: () => done(new Error('the subscription completed before the event')),
      },
    );
    // Neither client says when the server has registered the subscription,
    // so ingest after a short pause, and once more later should the first
    // article have been stored before the subscription was live.
    (async () => {
      for (const pause of [300, 3000]) {
        await sleep(pause);
        if (settled) return;
        try {
          wanted.add(await ingest());
        } catch (err) {
          return done(err);
        }
      }
    })();
  });
}
