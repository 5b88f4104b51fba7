import type { ApiClient } from './api-client';
import type { CatalogueComment, CatalogueCommentInput, CatalogueCommentList } from '../core/catalog-types';

/**
 * Public comments on an open catalog entry and the providing agency's answers (SPEC §8,
 * Art. 24). The only place the browser builds a comments URL.
 */

const commentsPath = (itemId: string) => `/catalog/items/${encodeURIComponent(itemId)}/comments`;

/** Anyone may read an open entry's comments, in thread order (each comment followed by its answers). */
export async function listComments(client: ApiClient, itemId: string, signal?: AbortSignal): Promise<CatalogueComment[]> {
  const answer = await client.get<CatalogueCommentList>(commentsPath(itemId), signal ? { signal } : {});
  return answer.items;
}

/** A signed-in person's comment, or (with `replyTo`) the providing agency steward's answer to one. */
export function postComment(client: ApiClient, itemId: string, input: CatalogueCommentInput, signal?: AbortSignal): Promise<CatalogueComment> {
  return client.post<CatalogueComment>(commentsPath(itemId), input, signal ? { signal } : {});
}

/** A comment with the agency's answers to it. */
export interface CommentThread {
  comment: CatalogueComment;
  answers: CatalogueComment[];
}

/**
 * Groups a list into threads: top-level comments in the order given, each with its answers
 * oldest first. An answer whose comment is not in the list (removed, or a later page) is kept
 * as a thread of its own rather than lost.
 */
export function threadsOf(comments: readonly CatalogueComment[]): CommentThread[] {
  const threads: CommentThread[] = [];
  const byId = new Map<string, CommentThread>();
  for (const comment of comments) {
    if (comment.replyTo) continue;
    const thread: CommentThread = { comment, answers: [] };
    threads.push(thread);
    byId.set(comment.id, thread);
  }
  for (const comment of comments) {
    if (!comment.replyTo) continue;
    const thread = byId.get(comment.replyTo);
    if (thread) thread.answers.push(comment);
    else threads.push({ comment, answers: [] });
  }
  for (const thread of threads) thread.answers.sort((a, b) => a.at.localeCompare(b.at));
  return threads;
}
