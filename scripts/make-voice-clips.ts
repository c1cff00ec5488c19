// Makes the display's announcement clips with espeak-ng and sox (Debian), so the hall display speaks
// with no network and no TTS voice installed. Run: npm run voice. The output is committed in assets/voice.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ALL_CLIP_KEYS } from '../shared/voice/announcement.ts';

const OUT = path.resolve('assets/voice');
const RATE = 16000;
const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const ZH_WORDS: Record<string, string> = {
  zaici: '再次呼叫',
  qing: '请',
  hao: '号',
  dao: '到',
  shi: '十',
  hao_chuangkou: '号窗口',
  banli: '办理',
};
const EN_WORDS: Record<string, string> = {
  recall: 'calling again',
  number: 'number',
  to_counter: 'please go to counter',
};
const EN_DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** What to say for a clip key, and in which espeak voice. Letters are read as English letter names. */
function speech(key: string): { voice: string; text: string } {
  const [lang, name] = key.split('/') as [string, string];
  if (/^[A-Z]$/.test(name)) return { voice: 'en', text: name };
  if (/^\d$/.test(name))
    return lang === 'zh'
      ? { voice: 'cmn', text: ZH_DIGITS[Number(name)]! }
      : { voice: 'en', text: EN_DIGITS[Number(name)]! };
  return lang === 'zh' ? { voice: 'cmn', text: ZH_WORDS[name]! } : { voice: 'en', text: EN_WORDS[name]! };
}

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8' });
}

mkdirSync(path.join(OUT, 'zh'), { recursive: true });
mkdirSync(path.join(OUT, 'en'), { recursive: true });
const manifest: { sampleRate: number; clips: Record<string, { file: string; ms: number }> } = {
  sampleRate: RATE,
  clips: {},
};

/** sox's options for every clip written: RATE Hz, 16-bit, mono. */
const WAV_OUT = ['-r', String(RATE), '-b', '16', '-c', '1'];

for (const key of ALL_CLIP_KEYS) {
  const file = `${key}.wav`;
  const target = path.join(OUT, file);
  if (key === 'chime') {
    // A two-tone ding-dong, synthesised rather than spoken.
    run('sox', [
      '-n',
      ...WAV_OUT,
      target,
      'synth',
      '0.35',
      'sine',
      '880',
      'fade',
      '0',
      '0.35',
      '0.25',
      ':',
      'synth',
      '0.55',
      'sine',
      '660',
      'fade',
      '0',
      '0.55',
      '0.45',
      'vol',
      '0.6',
    ]);
  } else {
    const { voice, text } = speech(key);
    const raw = `${target}.raw.wav`;
    run('espeak-ng', ['-v', voice, '-s', voice === 'cmn' ? '150' : '155', '-w', raw, text]);
    // Trim the silence espeak leaves around a word, resample, and normalise the level.
    run('sox', [
      raw,
      ...WAV_OUT,
      target,
      'silence',
      '1',
      '0.02',
      '1%',
      'reverse',
      'silence',
      '1',
      '0.02',
      '1%',
      'reverse',
      'norm',
      '-3',
    ]);
    run('rm', [raw]);
  }
  const seconds = Number(run('soxi', ['-D', target]).trim());
  manifest.clips[key] = { file, ms: Math.round(seconds * 1000) };
}
writeFileSync(path.join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`${ALL_CLIP_KEYS.length} clips written to ${OUT}`);
