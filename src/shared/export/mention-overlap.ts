import type { Annotation } from '../model';
import { cmp } from './annotations';

/**
 * Flat formats (CoNLL IOB2, one tag per token) cannot hold nested or overlapping mentions.
 * The rule: keep the longest mention; among equally long ones the earliest; then by id.
 * Whatever overlaps a kept mention is dropped and counted, so the user is told.
 */
export function flattenMentions(mentions: readonly Annotation[]): { kept: Annotation[]; dropped: Annotation[] } {
  const byPriority = [...mentions].sort(
    (a, b) => b.target.end - b.target.start - (a.target.end - a.target.start) || a.target.start - b.target.start || cmp(a.id, b.id),
  );
  const kept: Annotation[] = [];
  const dropped: Annotation[] = [];
  for (const m of byPriority) {
    const clash = kept.some((k) => m.target.start < k.target.end && k.target.start < m.target.end);
    (clash ? dropped : kept).push(m);
  }
  kept.sort((a, b) => a.target.start - b.target.start);
  return { kept, dropped };
}
