import { Hono } from 'hono';
import type { AppEnv, Deps } from '../env';
import { problems } from '../errors';
import { intParam } from '../http';
import { CHAIN_NAMES, type ChainName } from '../checkpoints/checkpoint';
import { checkpointOptionsFromEnv, Checkpoints } from '../checkpoints/service';

export const CHECKPOINT_PAGE_SIZE = 20;
const MAX_CHECKPOINT_PAGE_SIZE = 100;

/** The instance's checkpoints: those `start` made, or (an app made without it) one made on first use. */
export function instanceCheckpoints(deps: Deps): Checkpoints {
  return (deps.checkpoints ??= new Checkpoints(deps.store, deps.keys, checkpointOptionsFromEnv({}, false)));
}

/**
 * `GET /checkpoints` (anyone): the signed heads of the access log and the case histories,
 * so whoever keeps one can check later that the chain still extends it. Chain
 * names, lengths, hashes, times and signatures only: nothing personal.
 */
export function checkpointsRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get('/checkpoints', (c) => {
    const chain = (c.req.query('chain') ?? 'access-log') as ChainName;
    if (!CHAIN_NAMES.includes(chain)) throw problems.badRequest('Unknown chain', [{ path: 'chain', message: `One of ${CHAIN_NAMES.join(', ')}` }]);
    const page = intParam(c.req.query('page'), 1, 1, 1_000_000);
    const pageSize = intParam(c.req.query('pageSize'), CHECKPOINT_PAGE_SIZE, 1, MAX_CHECKPOINT_PAGE_SIZE);
    const checkpoints = instanceCheckpoints(deps);
    const latest = CHAIN_NAMES.flatMap((name) => checkpoints.files.latest(name) ?? []);
    return c.json({ key: checkpoints.key, latest, chain, ...checkpoints.page(chain, page, pageSize), page, pageSize });
  });

  return app;
}
