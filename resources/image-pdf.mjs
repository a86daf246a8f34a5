// Image files (PNG, JPEG, TIFF) as PDFs: one page per image (per TIFF frame), the picture
// filling the page at the image's resolution. The archive keeps the image byte for byte; the
// PDF made here (docs/<id>/pages.pdf) is what the page view shows and OCR renders, so a scan
// that came as an image goes through the same pages, source map and annotations as a
// scanned PDF. Runs inside the sandboxed render process (render-process.ts): images are
// decoded there, never in the app. PNG and JPEG are decoded by @napi-rs/canvas (Skia), TIFF
// by utif2 (UTIF.js: uncompressed, PackBits, LZW, Deflate, JPEG and CCITT fax G3/G4).

import { deflateSync } from 'node:zlib';

/** pixels on a side above which an image is refused (a 600 dpi A3 sheet is ~10,000) */
const MAX_SIDE = 12_000;
/** frames of one TIFF */
const MAX_FRAMES = 2_000;

/**
 * bytes: the image file; kind: 'png' | 'jpeg' | 'tiff'; libs: { canvas, utif } loaded by
 * the caller (the sandbox decides what may be loaded). Answers { pdf: Buffer, pages }.
 */
export async function imageToPdf(bytes, kind, libs) {
  const frames = kind === 'tiff' ? tiffFrames(bytes, libs.utif) : [await rasterFrame(bytes, kind, libs.canvas)];
  if (frames.length === 0) throw new Error('the image has no frames');
  return { pdf: writePdf(frames.map(toPageImage)), pages: frames.length };
}

/** The kind of image the bytes are, by their signature (the file name may lie), or null. */
export function imageKind(bytes) {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 4 && ((bytes[0] === 0x49 && bytes[1] === 0x49 && bytes[2] === 42 && bytes[3] === 0) || (bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[2] === 0 && bytes[3] === 42))) return 'tiff';
  return null;
}

async function rasterFrame(bytes, kind, canvas) {
  const image = await canvas.loadImage(Buffer.from(bytes));
  const { width, height } = image;
  checkSize(width, height);
  const surface = canvas.createCanvas(width, height);
  const context = surface.getContext('2d');
  context.drawImage(image, 0, 0);
  const rgba = context.getImageData(0, 0, width, height).data;
  const dpi = kind === 'png' ? pngDpi(bytes) : jpegDpi(bytes);
  return { width, height, rgba, dpi };
}

function tiffFrames(bytes, UTIF) {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  // Sub-IFDs are thumbnails and previews, not pages.
  const ifds = UTIF.decode(buffer).filter((ifd) => ifd.t256 && ifd.t257);
  if (ifds.length > MAX_FRAMES) throw new Error(`the TIFF has ${ifds.length} frames; at most ${MAX_FRAMES} are read`);
  return ifds.map((ifd, i) => {
    const width = ifd.t256[0];
    const height = ifd.t257[0];
    checkSize(width, height);
    UTIF.decodeImage(buffer, ifd);
    if (!ifd.data) throw new Error(`frame ${i + 1} could not be decoded`);
    const rgba = UTIF.toRGBA8(ifd);
    if (rgba.length < width * height * 4) throw new Error(`frame ${i + 1} could not be decoded (compression ${ifd.t259?.[0] ?? 'unknown'})`);
    return { width, height, rgba, dpi: tiffDpi(ifd) };
  });
}

function checkSize(width, height) {
  if (!(width > 0 && height > 0)) throw new Error('the image has no pixels');
  if (width > MAX_SIDE || height > MAX_SIDE) throw new Error(`the image is too large (${width}×${height} px; at most ${MAX_SIDE} a side)`);
}

/**
 * The picture on a white background, in the smallest form that keeps it: 1 bit a pixel for
 * black-and-white scans, grey, or RGB. The page measures the image at its resolution; an
 * image without one (or with a screen's 72/96) is taken as 300 dpi, a scan's usual, so a
 * photo of a letter is not a page a metre wide.
 */
function toPageImage({ width, height, rgba, dpi }) {
  const n = width * height;
  const rgb = Buffer.allocUnsafe(n * 3);
  let grey = true;
  let bilevel = true;
  for (let i = 0, o = 0; i < n; i++, o += 3) {
    const a = rgba[i * 4 + 3];
    const r = a === 255 ? rgba[i * 4] : Math.round((rgba[i * 4] * a + 255 * (255 - a)) / 255);
    const g = a === 255 ? rgba[i * 4 + 1] : Math.round((rgba[i * 4 + 1] * a + 255 * (255 - a)) / 255);
    const b = a === 255 ? rgba[i * 4 + 2] : Math.round((rgba[i * 4 + 2] * a + 255 * (255 - a)) / 255);
    rgb[o] = r;
    rgb[o + 1] = g;
    rgb[o + 2] = b;
    if (r !== g || g !== b) grey = false;
    else if (r !== 0 && r !== 255) bilevel = false;
  }
  let samples;
  let colorSpace;
  let bits = 8;
  if (grey && bilevel) {
    const stride = Math.ceil(width / 8);
    samples = Buffer.alloc(stride * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) if (rgb[(y * width + x) * 3] === 255) samples[y * stride + (x >> 3)] |= 0x80 >> (x & 7);
    }
    colorSpace = '/DeviceGray';
    bits = 1;
  } else if (grey) {
    samples = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) samples[i] = rgb[i * 3];
    colorSpace = '/DeviceGray';
  } else {
    samples = rgb;
    colorSpace = '/DeviceRGB';
  }
  const resolution = dpi && dpi >= 150 && dpi <= 2400 ? dpi : 300;
  return {
    width,
    height,
    colorSpace,
    bits,
    data: deflateSync(samples),
    points: [round((width * 72) / resolution), round((height * 72) / resolution)],
  };
}

const round = (n) => Math.round(n * 100) / 100;

/** A PDF of one page per image: catalog, pages, then page, contents and image per page. */
function writePdf(images) {
  const parts = [];
  let length = 0;
  const offsets = [];
  const push = (chunk) => {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    parts.push(buffer);
    length += buffer.length;
  };
  const object = (number, dictionary, stream) => {
    offsets[number] = length;
    push(`${number} 0 obj\n${dictionary}\n`);
    if (stream) {
      push('stream\n');
      push(stream);
      push('\nendstream\n');
    }
    push('endobj\n');
  };
  push('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
  const kids = images.map((_, i) => `${3 + i * 3} 0 R`).join(' ');
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, `<< /Type /Pages /Kids [${kids}] /Count ${images.length} >>`);
  images.forEach((image, i) => {
    const page = 3 + i * 3;
    const [w, h] = image.points;
    const content = Buffer.from(`q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`, 'latin1');
    object(page, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /XObject << /Im0 ${page + 2} 0 R >> >> /Contents ${page + 1} 0 R >>`);
    object(page + 1, `<< /Length ${content.length} >>`, content);
    object(
      page + 2,
      `<< /Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} /ColorSpace ${image.colorSpace} /BitsPerComponent ${image.bits} /Filter /FlateDecode /Length ${image.data.length} >>`,
      image.data,
    );
  });
  const count = 3 + images.length * 3;
  const xref = length;
  let table = `xref\n0 ${count}\n0000000000 65535 f \n`;
  for (let i = 1; i < count; i++) table += `${String(offsets[i]).padStart(10, '0')} 00000 n \n`;
  push(table);
  push(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}

/** PNG's pHYs chunk: pixels per metre when its unit is 1. */
function pngDpi(bytes) {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 8; at + 8 <= view.length; ) {
    const size = view.readUInt32BE(at);
    const type = view.toString('latin1', at + 4, at + 8);
    if (type === 'pHYs' && size >= 9 && at + 17 <= view.length) return view[at + 16] === 1 ? view.readUInt32BE(at + 8) * 0.0254 : undefined;
    if (type === 'IDAT' || type === 'IEND') return undefined;
    at += 12 + size;
  }
  return undefined;
}

/** JPEG's JFIF header: density in dots per inch (unit 1) or per centimetre (unit 2). */
function jpegDpi(bytes) {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 2; at + 4 <= view.length && view[at] === 0xff; ) {
    const marker = view[at + 1];
    const size = view.readUInt16BE(at + 2);
    if (marker === 0xe0 && view.toString('latin1', at + 4, at + 9) === 'JFIF\0' && at + 16 <= view.length) {
      const unit = view[at + 11];
      const density = view.readUInt16BE(at + 12);
      return unit === 1 ? density : unit === 2 ? density * 2.54 : undefined;
    }
    if (marker === 0xda) return undefined;
    at += 2 + size;
  }
  return undefined;
}

/** TIFF's XResolution with its ResolutionUnit (2 inch, the default; 3 centimetre). */
function tiffDpi(ifd) {
  // utif2 gives a RATIONAL as [numerator, denominator].
  const raw = Array.isArray(ifd.t282) ? ifd.t282[0] : undefined;
  const x = Array.isArray(raw) ? raw[0] / raw[1] : raw;
  if (typeof x !== 'number' || !(x > 0) || !Number.isFinite(x)) return undefined;
  const unit = Array.isArray(ifd.t296) ? ifd.t296[0] : 2;
  return unit === 3 ? x * 2.54 : unit === 2 ? x : undefined;
}
