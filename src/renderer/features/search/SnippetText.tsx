import { snippetSegments } from './snippet-segments';

/** A result's snippet with its hits in <mark>. */
export function SnippetText({ text, highlights }: { text: string; highlights: [number, number][] }) {
  return (
    <p className="result-snippet">
      {snippetSegments(text, highlights).map((segment, i) => (segment.hit ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>))}
    </p>
  );
}
