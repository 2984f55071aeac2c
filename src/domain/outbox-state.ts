/** What the terminal service's `GET /outbox` answers: the service's outbox (device/outbox.ts) and the page (src/data/outbox.ts) share it. */
export interface OutboxState {
  collector: string | null;
  pending: string[];
  refused: { name: string; status: number; error: string; message: string }[];
  /** The last failure to reach the collector, cleared by the next delivery. */
  lastProblem: string | null;
  /** Consecutive failed attempts. */
  failures: number;
  delivered: number;
  /**
   * The district the collector enrolled this terminal in, as its last push's answer said (kept in
   * `<outbox>/district.json`); null before any delivery. Bundles name it instead of 'unassigned'.
   */
  district?: string | null;
}
