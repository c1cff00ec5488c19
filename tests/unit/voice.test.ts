import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_CLIP_KEYS, announcementClips } from '../../shared/voice/announcement.ts';

const manifest = JSON.parse(
  readFileSync(new URL('../../assets/voice/manifest.json', import.meta.url), 'utf8'),
) as {
  clips: Record<string, { file: string; ms: number }>;
};

describe('call announcements (DESIGN §3)', () => {
  it('DESIGN-3: A023 at counter 3 reads 请 A023 号 到 3 号窗口 办理, after the chime', () => {
    expect(announcementClips({ number: 'A023', counterNo: 3, lang: 'zh-CN', recall: false })).toEqual([
      'chime',
      'zh/qing',
      'zh/A',
      'zh/0',
      'zh/2',
      'zh/3',
      'zh/hao',
      'zh/dao',
      'zh/3',
      'zh/hao_chuangkou',
      'zh/banli',
    ]);
  });

  it('DESIGN-3: counter numbers are read as Chinese numbers', () => {
    const counter = (n: number) => {
      const clips = announcementClips({ number: 'B001', counterNo: n, lang: 'zh-CN', recall: false });
      return clips.slice(clips.indexOf('zh/dao') + 1, clips.indexOf('zh/hao_chuangkou'));
    };
    expect(counter(10)).toEqual(['zh/shi']);
    expect(counter(11)).toEqual(['zh/shi', 'zh/1']);
    expect(counter(20)).toEqual(['zh/2', 'zh/shi']);
    expect(counter(35)).toEqual(['zh/3', 'zh/shi', 'zh/5']);
  });

  it('DESIGN-3: a recall says 再次呼叫 after the chime; English reads the number too', () => {
    expect(
      announcementClips({ number: 'C105', counterNo: 2, lang: 'zh-CN', recall: true }).slice(0, 3),
    ).toEqual(['chime', 'zh/zaici', 'zh/qing']);
    expect(announcementClips({ number: 'C105', counterNo: 12, lang: 'en', recall: false })).toEqual([
      'chime',
      'en/number',
      'en/C',
      'en/1',
      'en/0',
      'en/5',
      'en/to_counter',
      'en/1',
      'en/2',
    ]);
  });

  it('DESIGN-3: malformed numbers and counters are refused', () => {
    expect(() => announcementClips({ number: 'a1', counterNo: 1, lang: 'zh-CN', recall: false })).toThrow();
    expect(() => announcementClips({ number: 'A001', counterNo: 0, lang: 'zh-CN', recall: false })).toThrow();
    expect(() =>
      announcementClips({ number: 'A001', counterNo: 100, lang: 'zh-CN', recall: false }),
    ).toThrow();
  });

  it('DESIGN-3: every clip an announcement can use ships as a real WAV file in assets/voice', () => {
    for (const key of ALL_CLIP_KEYS) {
      const clip = manifest.clips[key];
      expect(clip, key).toBeDefined();
      const file = new URL(`../../assets/voice/${clip!.file}`, import.meta.url);
      const head = readFileSync(file).subarray(0, 12).toString('latin1');
      expect(head.startsWith('RIFF') && head.endsWith('WAVE'), key).toBe(true);
      expect(statSync(file).size).toBeGreaterThan(1000);
      expect(clip!.ms, key).toBeGreaterThan(50);
      expect(clip!.ms, key).toBeLessThan(2500);
    }
  });

  it('DESIGN-3: a whole announcement lasts a few seconds, not a fraction and not half a minute', () => {
    const ms = announcementClips({ number: 'A023', counterNo: 3, lang: 'zh-CN', recall: false }).reduce(
      (sum, k) => sum + manifest.clips[k]!.ms,
      0,
    );
    expect(ms).toBeGreaterThan(1500);
    expect(ms).toBeLessThan(9000);
  });
});
