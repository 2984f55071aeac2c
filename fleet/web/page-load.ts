/**
 * What a collector page loads when it opens, the one way every page does it
 * (@lit/task, as the terminal's screens load theirs): the loading line until
 * the data has come, then the page drawn from it; if the collector refuses,
 * answers with an error or cannot be reached at all, the reason instead
 * (Chinese, then English: api.ts's problemText), never the loading line for
 * ever. A missing session has already sent the browser to the login
 * (api.ts's getJson); until it goes, the page says so.
 */
import type { ReactiveControllerHost } from 'lit';
import { Task } from '@lit/task';
import { problemText } from './api.ts';
import { loadingOr } from './parts.ts';

export class PageLoad<T> {
  private readonly task: Task<[], T>;

  /** `load` runs once, in the page's first update; it may also fill the page's own state that later actions change. */
  constructor(host: ReactiveControllerHost, load: () => Promise<T>) {
    this.task = new Task(host, { task: load, args: () => [] });
  }

  /** The data, once loaded. */
  get value(): T | undefined {
    return this.task.value;
  }

  /** The page drawn by `page` from its data; until then the loading line, or why there is no data. */
  render(page: (data: T) => unknown): unknown {
    return this.task.render({
      initial: () => loadingOr(''),
      pending: () => loadingOr(''),
      complete: page,
      error: (err) => loadingOr(problemText(err)),
    });
  }
}
