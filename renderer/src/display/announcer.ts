import { announcementClips, type Call } from '../../../shared/voice/announcement.ts';

interface Manifest {
  sampleRate: number;
  clips: Record<string, { file: string; ms: number }>;
}

export type AnnouncerState = 'loading' | 'ready' | 'blocked' | 'playing' | 'failed';
const GAP_S = 0.06;

/**
 * Plays call announcements from the recorded clips with Web Audio, one after another, never
 * overlapping: a burst of five calls is five announcements in order. Works with no network and no
 * TTS voice; a hall TV runs Chromium with --autoplay-policy=no-user-gesture-required so no click is
 * needed (otherwise the first click unblocks audio).
 */
export class Announcer {
  private ctx: AudioContext | null = null;
  private buffers = new Map<string, AudioBuffer>();
  private queue: Call[] = [];
  private playing = false;
  private listeners: ((s: AnnouncerState) => void)[] = [];
  private ready: Promise<void>;
  /** How many announcements have finished playing: the tests read it. */
  played = 0;

  constructor(private readonly base = '/assets/voice/') {
    this.ready = this.load();
  }

  onState(cb: (s: AnnouncerState) => void): () => void {
    this.listeners.push(cb);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== cb);
    };
  }

  private emit(s: AnnouncerState): void {
    for (const l of this.listeners) l(s);
  }

  private async load(): Promise<void> {
    this.emit('loading');
    try {
      this.ctx = new AudioContext();
      const manifest = (await (await fetch(`${this.base}manifest.json`)).json()) as Manifest;
      await Promise.all(
        Object.entries(manifest.clips).map(async ([key, clip]) => {
          const data = await (await fetch(`${this.base}${clip.file}`)).arrayBuffer();
          this.buffers.set(key, await this.ctx!.decodeAudioData(data));
        }),
      );
      this.emit(this.ctx.state === 'running' ? 'ready' : 'blocked');
    } catch {
      this.emit('failed');
    }
  }

  /** Plays the chime quietly and tells whether sound can play without a click. */
  async selfTest(): Promise<{ ok: boolean; reason?: string }> {
    await this.ready;
    if (!this.ctx || this.buffers.size === 0) return { ok: false, reason: 'clips-missing' };
    if (this.ctx.state !== 'running') {
      // While autoplay is blocked Chromium leaves resume() pending until a click: wait a moment, not for ever.
      await Promise.race([
        this.ctx.resume().catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, 1_000)),
      ]);
      // resume() may have changed the state; TypeScript's narrowing cannot know that.
      if ((this.ctx.state as AudioContextState) !== 'running')
        return { ok: false, reason: 'autoplay-blocked' };
    }
    await this.playSequence(['chime'], 0.15);
    return { ok: true };
  }

  /** After a user gesture (the "enable sound" click). */
  async unlock(): Promise<boolean> {
    await this.ready;
    await this.ctx?.resume().catch(() => undefined);
    const ok = this.ctx?.state === 'running';
    this.emit(ok ? 'ready' : 'blocked');
    if (ok) void this.drain();
    return ok;
  }

  announce(call: Call): void {
    this.queue.push(call);
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.playing) return;
    await this.ready;
    if (!this.ctx || this.ctx.state !== 'running') return;
    this.playing = true;
    this.emit('playing');
    while (this.queue.length > 0) {
      const call = this.queue.shift()!;
      try {
        await this.playSequence(announcementClips(call), 1);
      } catch {
        // an unknown number format is skipped rather than blocking the calls behind it
      }
      this.played++;
    }
    this.playing = false;
    this.emit('ready');
  }

  private playSequence(keys: string[], volume: number): Promise<void> {
    const ctx = this.ctx!;
    const gain = ctx.createGain();
    gain.gain.value = volume;
    gain.connect(ctx.destination);
    let at = ctx.currentTime + 0.05;
    let last: AudioBufferSourceNode | null = null;
    for (const key of keys) {
      const buffer = this.buffers.get(key);
      if (!buffer) continue;
      const source = ctx.createBufferSource();
      source.buffer = buffer;
      source.connect(gain);
      source.start(at);
      at += buffer.duration + GAP_S;
      last = source;
    }
    if (!last) return Promise.resolve();
    const end = last;
    return new Promise((resolve) => {
      end.onended = () => resolve();
    });
  }
}
