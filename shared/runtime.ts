import { v7 as uuidv7 } from 'uuid';

/** Time and randomness are injected (STYLE.md), so tests control them without sleeps. */
export interface Clock {
  now(): number;
}
export interface Ids {
  next(): string;
}

export const systemClock: Clock = { now: () => Date.now() };
export const uuidV7Ids: Ids = { next: () => uuidv7() };

/** A clock that tests move by hand. */
export class ManualClock implements Clock {
  constructor(private ms: number) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
}
