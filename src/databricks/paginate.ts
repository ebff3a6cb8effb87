import type { RequestOptions } from "./client.js";

/** What endpoint helpers need from the client; lets them be tested with a stub. */
export interface Requester {
  request<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<T>;
}

/** The server handed back a page token it had already given: following it would never end. */
export class PaginationLoopError extends Error {
  constructor(token: string) {
    super(`the workspace repeated the page token ${token.length > 40 ? `${token.slice(0, 40)}…` : token} while listing; stopped instead of looping (retry, or report it to the workspace's support)`);
    this.name = "PaginationLoopError";
  }
}

interface TokenPage {
  next_page_token?: string;
  has_more?: boolean;
}

/** Yields every item of a token-paginated list, one page at a time. */
export async function* paginate<P extends TokenPage, T>(fetchPage: (pageToken: string | undefined) => Promise<P>, items: (page: P) => T[] | undefined): AsyncGenerator<T> {
  let token: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await fetchPage(token);
    for (const item of items(page) ?? []) yield item;
    token = page.next_page_token || undefined;
    // A server that hands back a token twice would otherwise keep us here forever.
    if (token !== undefined) {
      if (seen.has(token)) throw new PaginationLoopError(token);
      seen.add(token);
    }
  } while (token !== undefined);
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/**
 * API 2.2 pages the arrays inside a single job or run at 100 entries: the first page carries every
 * scalar field, later pages only more array entries (complete arrays come back empty). Follows the
 * root `next_page_token` and concatenates `arrays` found in `container(page)` (a job's settings, or
 * the run itself); the answer then looks like one unpaginated object.
 */
export async function getAllArrayPages<T extends object>(
  fetchPage: (pageToken: string | undefined) => Promise<T>,
  arrays: readonly string[],
  container: (page: T) => object | undefined = (page) => page,
): Promise<T> {
  const first = await fetchPage(undefined);
  let token = (first as TokenPage).next_page_token || undefined;
  const seen = new Set<string>();
  while (token !== undefined) {
    if (seen.has(token)) throw new PaginationLoopError(token);
    seen.add(token);
    const page = await fetchPage(token);
    const from = container(page) as Record<string, unknown> | undefined;
    for (const name of arrays) {
      const extra = from?.[name];
      if (!Array.isArray(extra) || extra.length === 0) continue;
      const into = container(first) as Record<string, unknown> | undefined;
      if (!into) break;
      const have = into[name];
      into[name] = Array.isArray(have) ? [...(have as unknown[]), ...(extra as unknown[])] : [...(extra as unknown[])];
    }
    token = (page as TokenPage).next_page_token || undefined;
  }
  const root = first as Record<string, unknown>;
  delete root["next_page_token"];
  delete root["has_more"];
  return first;
}
