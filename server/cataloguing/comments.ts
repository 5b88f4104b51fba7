import { randomUUID } from 'node:crypto';
import type { CatalogueComment, CatalogueCommentList } from '../../src/core/catalog-types';
import { findItem } from '../catalog/store';
import { Forbidden, Invalid, NotFound } from '../domain/errors';
import type { Store } from '../store/database';
import { maskName } from '../data/desensitize';
import { isStewardOf, readCommentText, readShowName, type Actor } from './rules';
import { findComment, insertComment, listComments, type StoredComment } from './store';

/**
 * Public comments on open entries (Art. 24: the public is consulted) and the providing
 * agency's answers. A comment shows its author's name masked to the surname (张*) unless
 * they chose to show it (`showName`): the name is kept as it is and masked on the way out.
 * Its text is kept as written and shown as text.
 */

/** A comment as the public sees it. */
function shown({ showName, ...comment }: StoredComment): CatalogueComment {
  return showName ? comment : { ...comment, author: maskName(comment.author) };
}

/** Comments listed at most (the oldest threads first). */
export const MAX_COMMENTS = 1000;

async function openItem(store: Store, itemId: string) {
  const item = itemId.length <= 200 ? await findItem(store.db, itemId) : undefined;
  // Closed entries are not in the open catalog, so nobody is consulted on them.
  if (!item || item.open === 'closed') throw new NotFound('No such open catalog entry');
  return item;
}

export async function commentsOf(store: Store, itemId: string): Promise<CatalogueCommentList> {
  const item = await openItem(store, itemId);
  return { items: (await listComments(store.db, item.id, MAX_COMMENTS)).map(shown) };
}

export async function addComment(store: Store, actor: Actor, itemId: string, body: Record<string, unknown>, now = new Date()): Promise<CatalogueComment> {
  const item = await openItem(store, itemId);
  const { text, problems: found } = readCommentText(body.text);
  const { showName, problems: nameProblems } = readShowName(body.showName);
  found.push(...nameProblems);
  const agencySteward = isStewardOf(actor, item.agency.code);
  let replyTo: string | null = null;
  if (body.replyTo !== undefined && body.replyTo !== null) {
    if (!agencySteward) throw new Forbidden('Only a steward of the providing agency answers comments', 'NOT_AGENCY_STEWARD');
    const parent = typeof body.replyTo === 'string' && body.replyTo.length <= 100 ? await findComment(store.db, body.replyTo) : undefined;
    if (!parent || parent.itemId !== item.id) found.push({ path: 'replyTo', message: 'No such comment on this entry' });
    else if (parent.replyTo) found.push({ path: 'replyTo', message: 'Answer the comment itself, not an answer' });
    else replyTo = parent.id;
  }
  if (found.length) throw new Invalid(found, found[0]!.message);
  return shown(await insertComment(store.db, {
    id: randomUUID(), itemId: item.id, replyTo, text, authorId: actor.id, authorName: actor.name, showName,
    agency: agencySteward ? item.agency : null, at: now.toISOString(),
  }));
}
