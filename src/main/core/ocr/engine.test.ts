import { createCanvas } from '@napi-rs/canvas';
import { afterAll, describe, expect, it } from 'vitest';
import { OcrEngine } from './engine';

const engine = new OcrEngine({ languages: 'chi_sim+eng', workers: 1 });
afterAll(() => engine.stop());

function line(text: string): Uint8Array {
  const canvas = createCanvas(1800, 200);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = '#000000';
  g.font = '50px "DejaVu Serif"';
  g.fillText(text, 40, 110);
  return new Uint8Array(canvas.toBuffer('image/png'));
}

describe('the OCR engine', () => {
  it('loads every language asked for: in chi_sim+eng, English punctuation is read by the English model', async () => {
    // Before chi_sim's sub-language setting was emptied, eng was never loaded after chi_sim and
    // the Chinese model alone read this comma as a full-width one ("meeting，").
    const page = await engine.recognise(line('Minutes of the archive meeting, 2024.'));
    const words = page.paragraphs.flat().flatMap((l) => l.words.map((w) => w.text));
    expect(words.join(' ')).toBe('Minutes of the archive meeting, 2024.');
  }, 120_000);
});
